// A load-balancer agent's state port: POST routes that set a flag, log a line and answer
// with a status. None reads the request or uses `next`; nothing can pass an error on.
const express = require('express');
const logger = require('./logger');

let STATE = 'up';
const stateServer = express();

stateServer.post('/state/up', function (req, res, next) {
  STATE = 'up';
  logger.debug('state set to up');
  res.sendStatus(204);
});

stateServer.post('/state/down', function (req, res, next) {
  STATE = 'down';
  logger.debug('state set to down');
  res.sendStatus(204);
});

stateServer.get('/state', (req, res) => {
  res.statusCode = 200;
  res.end(STATE);
});

// A fixed 404 answer.
stateServer.use((req, res) => {
  res.status(404).json({ error: 'Not Found' });
});

stateServer.listen(3048);
