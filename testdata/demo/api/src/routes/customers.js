const express = require('express');
const db = require('../db');

const router = express.Router();

async function getCustomer(req, res, next) {
  try {
    const { rows } = await db.query('SELECT id, name, email, created_at FROM customers WHERE id = $1', [
      req.params.id,
    ]);
    if (rows.length === 0) {
      return res.status(404).json({ error: 'customer not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
}

async function customerOrders(req, res, next) {
  try {
    const { status } = req.query;
    const params = [req.params.id];
    let sql = 'SELECT id, total, status, created_at FROM orders WHERE customer_id = $1';
    if (status) {
      params.push(status);
      sql += ' AND status = $2';
    }
    sql += ' ORDER BY created_at DESC';
    const { rows } = await db.query(sql, params);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function updateCustomer(req, res, next) {
  try {
    const { name, email } = req.body;
    const { rows } = await db.query(
      'UPDATE customers SET name = coalesce($2, name), email = coalesce($3, email) WHERE id = $1 RETURNING id, name, email',
      [req.params.id, name ?? null, email ?? null],
    );
    if (rows.length === 0) {
      return res.status(404).json({ error: 'customer not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
}

router.get('/:id', getCustomer);
router.get('/:id/orders', customerOrders);
router.patch('/:id', updateCustomer);

module.exports = router;
