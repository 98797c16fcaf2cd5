const express = require('express');
const helmet = require('helmet');
const config = require('./config');
const logger = require('./logger');
const orders = require('./routes/orders');
const customers = require('./routes/customers');

const app = express();

app.use(helmet());
app.use(express.json({ limit: '100kb' }));

app.get('/healthz', (req, res) => {
  res.json({ ok: true });
});

app.use('/orders', orders);
app.use('/customers', customers);

app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

// Error handler: registered last, four parameters.
app.use((err, req, res, next) => {
  if (res.headersSent) {
    return next(err);
  }
  logger.error({ err, path: req.path }, 'request failed');
  res.status(err.status || 500).json({ error: 'internal error' });
});

app.listen(config.port, () => {
  logger.info(`api listening on port ${config.port}`);
});
