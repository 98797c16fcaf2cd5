const express = require('express');
const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    res.json(await db.users.findById(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

app.get('/orders', (req, res, next) => {
  db.query('SELECT * FROM orders', (err, rows) => {
    if (err) return res.status(500).send(err); // expect: error-details-leak
    res.json(rows);
  });
});

app.get('/items', (req, res) => {
  Item.find()
    .then((items) => res.json(items))
    .catch((error) => res.status(500).json({ error })); // expect: error-details-leak
});

app.use((err, req, res, next) => {
  console.error(err);
  // expect: error-details-leak
  res.status(err.status || 500).json({
    message: err.message,
    stack: err.stack,
  });
});

module.exports = app;
