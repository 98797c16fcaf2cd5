const express = require('express');

const app = express();
app.get('/health', (_req, res) => res.json({ ok: true }));

app.use((err, _req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal error' });
});

module.exports = { app };
