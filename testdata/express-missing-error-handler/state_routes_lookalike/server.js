// Looks like the state port, but one route hands an error to `next` and another reads
// the body: each reaches the default handler.
const express = require('express');
const logger = require('./logger');

let STATE = 'up';
const stateServer = express(); // expect: express-missing-error-handler

stateServer.post('/state/up', function (req, res, next) {
  STATE = 'up';
  logger.debug('state set to up');
  next(new Error('refused'));
});

stateServer.post('/state/down', function (req, res, next) {
  STATE = req.body.state;
  res.sendStatus(204);
});

stateServer.listen(3048);
