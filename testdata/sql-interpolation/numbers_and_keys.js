const express = require('express');
const db = require('./db');

const app = express();

// Arithmetic other than `+` gives a number: nothing but digits (or NaN) reaches the SQL.
app.get('/posts', async (req, res) => {
  const size = 20;
  const rows = await db.query(`SELECT * FROM posts ORDER BY id LIMIT ${size} OFFSET ${(req.query.page - 1) * size}`);
  res.json(rows);
});

// `+` with text concatenates: reported.
app.get('/next', async (req, res) => {
  const rows = await db.query(`SELECT * FROM posts WHERE slug = '${req.query.slug + '-draft'}'`); // expect: sql-interpolation
  res.json(rows);
});

// An object's `id` in JavaScript can be any text: reported.
async function ownedBy(user) {
  return db.query(`SELECT * FROM posts WHERE owner_id = '${user.id}'`); // expect: sql-interpolation
}

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

module.exports = { app, ownedBy };
