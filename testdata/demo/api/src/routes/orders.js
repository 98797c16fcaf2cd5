const express = require('express');
const db = require('../db');
const payments = require('../lib/payments');

const router = express.Router();

const ORDER_COLUMNS = 'id, customer_id, total, status, created_at';

async function getOrder(req, res, next) {
  try {
    const sql = `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ${req.params.id}`;
    const { rows } = await db.query(sql);
    if (rows.length === 0) {
      return res.status(404).json({ error: 'order not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
}

async function listOrders(req, res, next) {
  try {
    const limit = Math.min(Number(req.query.limit) || 20, 100);
    const offset = Number(req.query.offset) || 0;
    const { rows } = await db.query(
      `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY created_at DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function searchOrders(req, res, next) {
  try {
    const term = String(req.query.q || '').replace(/[%_\\]/g, '\\$&');
    const { rows } = await db.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE notes ILIKE $1 LIMIT 50`, [
      `%${term}%`,
    ]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function createOrder(req, res, next) {
  try {
    const { customerId, items } = req.body;
    if (!Number.isInteger(customerId) || !Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ error: 'customerId and items are required' });
    }
    const order = await db.withTransaction(async (client) => {
      const { rows } = await client.query(
        `INSERT INTO orders (customer_id, status, total)
         SELECT $1, 'pending', coalesce(sum(p.price * i.quantity), 0)
           FROM unnest($2::text[], $3::int[]) AS i(sku, quantity)
           JOIN products p ON p.sku = i.sku
         RETURNING ${ORDER_COLUMNS}`,
        [customerId, items.map((i) => i.sku), items.map((i) => i.quantity)],
      );
      await client.query(
        'INSERT INTO order_items (order_id, sku, quantity) SELECT $1, * FROM unnest($2::text[], $3::int[])',
        [rows[0].id, items.map((i) => i.sku), items.map((i) => i.quantity)],
      );
      return rows[0];
    });
    await payments.charge(order);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
}

async function cancelOrder(req, res, next) {
  try {
    const { rowCount } = await db.query(
      "UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status = 'pending'",
      [req.params.id],
    );
    if (rowCount === 0) {
      return res.status(409).json({ error: 'only pending orders can be cancelled' });
    }
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

router.get('/', listOrders);
router.get('/search', searchOrders);
router.get('/:id', getOrder);
router.post('/', createOrder);
router.post('/:id/cancel', cancelOrder);

module.exports = router;
