const express = require('express');
const cors = require('cors');

const app = express();

app.use(cors({ origin: true, credentials: true })); // expect: cors-credentials-wildcard

const adminApi = express.Router();
adminApi.use(cors({ credentials: true, origin: '*' })); // expect: cors-credentials-wildcard

app.use((req, res, next) => {
  res.header('Access-Control-Allow-Origin', req.headers.origin); // expect: cors-credentials-wildcard
  res.header('Access-Control-Allow-Credentials', 'true');
  next();
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal' });
});

module.exports = { app, adminApi };
