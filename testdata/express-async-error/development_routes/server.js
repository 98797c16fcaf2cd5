const express = require('express');
const { isDev } = require('./util');
const { mountDevTools, mountExports } = require('./dev_tools');

const app = express();

app.get('/orders', async (req, res) => { // expect: express-async-error
  res.json(await Order.findAll());
});

// Helper endpoints for the development server and the end-to-end tests: no user reaches them.
if (isDev) {
  app.post('/test-webhook', async (req, res) => {
    await Webhook.record(req.body);
    res.send('OK');
  });
}

require('./admin')(app);
require('./reports_router')(app);
mountExports(app);

if (process.env.NODE_ENV === 'development') {
  require('./debug')(app);
  require('./debug_router')(app, (req, res, next) => next());
  mountDevTools(app);
  app.get('/_debug/reset', async (req, res) => {
    await Database.reset();
    res.sendStatus(204);
  });
}

if (process.env.NODE_ENV !== 'production') {
  app.get('/_debug/seed', async (req, res) => {
    await Database.seed();
    res.sendStatus(204);
  });
}

// Served in production: the switch is negated, or production is the branch taken.
if (!isDev) {
  app.get('/metrics', async (req, res) => { // expect: express-async-error
    res.send(await Metrics.render());
  });
}

if (process.env.NODE_ENV === 'production') {
  app.get('/status', async (req, res) => { // expect: express-async-error
    res.json(await Status.read());
  });
}

if (isDev || process.env.DEMO === '1') {
  app.get('/demo', async (req, res) => { // expect: express-async-error
    res.json(await Demo.load());
  });
}

app.use((err, req, res, next) => {
  res.status(500).send('Something broke');
});

app.listen(process.env.PORT || 3000, '0.0.0.0');
