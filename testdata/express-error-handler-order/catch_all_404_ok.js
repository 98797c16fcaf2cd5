const express = require('express');

const app = express();

app.get('/users', (req, res) => res.json([]));

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

// A catch-all route answering 404 runs when nothing responded; it passes no error on.
app.get('*', (req, res) => {
  res.status(404).send('Not found');
});

module.exports = app;
