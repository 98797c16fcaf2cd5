const express = require('express');
const db = require('./db');
const { listOffers } = require('./services/offers');

const app = express();

// Catches everything it awaits and resolves a fallback: awaiting it cannot reject.
async function loadItems() {
  try {
    return await db.all('SELECT * FROM items');
  } catch (err) {
    console.error(err);
    return [];
  }
}

// Logs and throws again: awaiting it can reject.
async function loadOrders() {
  try {
    return await db.all('SELECT * FROM orders');
  } catch (err) {
    console.error(err);
    throw err;
  }
}

// Awaits a second time in its catch clause, outside any try.
async function loadUsers() {
  try {
    return await db.all('SELECT * FROM users');
  } catch (err) {
    return await db.all('SELECT * FROM users_archive');
  }
}

app.get('/items', async (req, res) => {
  const items = await loadItems();
  res.json(items);
});

app.get('/orders', async (req, res) => { // expect: express-async-error
  const orders = await loadOrders();
  res.json(orders);
});

app.get('/users', async (req, res) => { // expect: express-async-error
  res.json(await loadUsers());
});

// The first await is safe, the second is not.
app.get('/dashboard', async (req, res) => { // expect: express-async-error
  const items = await loadItems();
  const orders = await db.all('SELECT * FROM orders');
  res.json({ items, orders });
});

// A helper of another module that never rejects: awaiting it cannot reject either.
app.get('/offers', async (req, res) => {
  res.json(await listOffers(req.query.region));
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

module.exports = app;
