const express = require('express');
const jwt = require('jsonwebtoken');

const app = express.Router();

function getKey(header, callback) {
  fetchSigningKey(header.kid, callback);
}

app.get('/token', (req, res) => {
  jwt.verify(req.query.token, getKey, (err, payload) => {
    if (err) {
      throw err; // expect: callback-throw
    }
    res.json(payload);
  });
});

app.get('/later', (req, res) => {
  later(() => {
    throw new Error('late');
  }, (err) => {
    throw err; // expect: callback-throw
  });
  res.end();
});

module.exports = app;
