// The API checks nothing at startup: the worker's check of JWT_SECRET runs in another
// package and says nothing of this one.
const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
app.post('/login', (req, res) => {
  const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET, { expiresIn: '1h' }); // expect: env-var-unchecked
  res.json({ token });
});
app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});
app.listen(3000);
