const express = require('express');
const app = express();

app.get('/', (req, res) => res.send('ok'));

// Checks the flag, logs, and writes anyway.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (res.headersSent) { console.warn('error after headers were sent', err); }
  res.status(500).json({ error: 'Internal Server Error' });
});

// Calls next(err) but goes on to write.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (res.headersSent) {
    next(err);
  }
  res.status(500).json({ error: 'Internal Server Error' });
});

// Returns when sent, without handing the error on: the response is left half-sent.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (res.headersSent) return;
  res.status(500).json({ error: 'Internal Server Error' });
});

// Writes only when nothing was sent, and does nothing otherwise.
app.use(function (err, req, res, next) { // expect: error-handler-headers-sent@info
  if (!res.headersSent) {
    res.status(500).send('Something broke!');
  }
});

// The check is on another object.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (req.headersSent) return next(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

// `next()` without the error passes control to ordinary middleware.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (res.headersSent) return next();
  res.status(500).json({ error: 'Internal Server Error' });
});

// An `&&` condition is not true whenever the headers were sent.
app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  if (res.headersSent && err.status) return next(err);
  res.status(err.status || 500).json({ error: 'Internal Server Error' });
});

module.exports = app;
