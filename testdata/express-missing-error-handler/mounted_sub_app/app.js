const express = require('express');
const admin = require('./admin');
const registry = require('./registry');

const app = express();
app.use(express.json());
app.use('/admin', admin);
app.get('/health', (req, res) => res.send('ok'));
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ error: 'Internal Server Error' });
});

// A second app that mounts nothing and handles nothing is still reported.
const metrics = express(); // expect: express-missing-error-handler
metrics.get('/metrics', (req, res) => res.send(registry.metrics()));

module.exports = { app, metrics };
