const express = require('express');
const users = require('./users');

const app = express();
app.use(express.json());
app.use('/users', users);
app.use((err, req, res, next) => {
  console.error(err);
  res.status(err.status || 500).json({ error: 'Internal Server Error' });
});

module.exports = app;
