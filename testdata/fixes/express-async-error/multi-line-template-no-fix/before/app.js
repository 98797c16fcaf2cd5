const express = require('express');

const app = express();

app.get('/search', async (req, res) => {
  const rows = await db.query(`
    SELECT id, title FROM posts
    WHERE published
  `);
  res.json(rows);
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

app.listen(3000);
