const express = require('express');

const app = express();

// backlint-ignore-next-line sql-interpolation -- legacy query, rewritten since
app.get('/health', (req, res) => res.send('ok'));

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal' });
});

module.exports = app;
