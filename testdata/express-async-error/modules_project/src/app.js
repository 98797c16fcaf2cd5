const express = require('express');
const { listProducts, loadProduct } = require('./services/catalog');
const catalog = require('./services/catalog');

const app = express();

app.get('/products', async (req, res) => {
  res.json(await listProducts(req.query.category));
});

app.get('/products/all', async (req, res) => {
  const products = await catalog.listProducts(null);
  res.json(products);
});

app.get('/products/:id', async (req, res) => { // expect: express-async-error
  res.json(await loadProduct(req.params.id));
});

app.get('/stats', async (req, res) => { // expect: express-async-error
  res.json({ count: await catalog.countProducts() });
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

module.exports = app;
