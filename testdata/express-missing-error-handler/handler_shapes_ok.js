const express = require('express');

// Inline four-parameter handler.
const a = express();
a.get('/', (req, res) => res.send('a'));
a.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

// Named function declared later in the file.
const b = express();
b.get('/', (req, res) => res.send('b'));
b.use(errorHandler);

function errorHandler(err, req, res, next) {
  res.status(500).json({ error: 'Internal Server Error' });
}

// Several error middlewares, as in the Express guide.
const c = express();
c.get('/', (req, res) => res.send('c'));
c.use(logErrors);
c.use(clientErrorHandler);
c.use(errorHandler);

function logErrors(err, req, res, next) {
  console.error(err.stack);
  next(err);
}

function clientErrorHandler(err, req, res, next) {
  if (req.xhr) {
    res.status(500).send({ error: 'Something failed!' });
  } else {
    next(err);
  }
}

// An app without routes or middleware.
const d = express();
d.listen(3001);

// Error handler from a library.
const Sentry = require('@sentry/node');
const e = express();
e.get('/', (req, res) => res.send('e'));
Sentry.setupExpressErrorHandler(e);

const errorhandler = require('errorhandler');
const f = express();
f.get('/', (req, res) => res.send('f'));
f.use(errorhandler());
