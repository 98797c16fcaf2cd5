const express = require('express');
const app = express();

app.get('/', (req, res) => res.send('ok'));

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

app.use((err, req, res, next) => {
  console.error(err);
  if (res.headersSent) {
    return next(err);
  }
  res.status(500).json({ error: 'Internal Server Error' });
});

app.use((err, req, res, next) => {
  if (!res.headersSent) {
    res.status(500).json({ error: 'Internal Server Error' });
  } else next(err);
});

app.use((err, req, res, next) => {
  if (res.headersSent) {
    next(err);
  } else {
    res.status(500).send('Something broke!');
  }
});

app.use((err, req, res, next) => {
  const sent = res.headersSent;
  if (sent || req.xhr) {
    next(err);
    return;
  }
  res.status(500).render('error', { error: err });
});

app.use((err, req, res, next) => {
  if (res.headersSent === false) {
    return res.status(500).json({ error: 'Internal Server Error' });
  }
  next(err);
});

app.use((err, req, res, next) =>
  res.headersSent ? next(err) : res.status(500).json({ error: 'Internal Server Error' }));

// Closes the connection itself, as the default handler does.
app.use((err, req, res, next) => {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.status(500).end();
});

module.exports = app;
