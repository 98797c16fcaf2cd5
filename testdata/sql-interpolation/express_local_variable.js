// Users and orders routes (Express 4, mysql2/promise pool).
// Handlers are declared as functions and mounted on the router at the bottom of the file.
const express = require('express');
const db = require('../db/pool');

const router = express.Router();

// SQL built in a local variable on one line and executed on the next.
async function getUser(req, res, next) {
  try {
    const userId = req.params.id;
    const query = `SELECT * FROM users WHERE id = ${userId}`;
    const [user] = await db.query(query); // expect: sql-interpolation@error
    res.json(user);
  } catch (err) {
    next(err);
  }
}

// The same lookup with a placeholder: the driver sends the id separately.
async function getUserSafe(req, res, next) {
  try {
    const userId = req.params.id;
    const [rows] = await db.execute('SELECT * FROM users WHERE id = ?', [userId]);
    if (rows.length === 0) {
      return res.status(404).json({ error: 'User not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
}

async function getOrder(req, res, next) {
  try {
    const { id } = req.params;
    const sql = `SELECT o.id, o.total, o.status FROM orders o WHERE o.id = ${id}`;
    // expect: sql-interpolation@error
    const [rows] = await db.query(sql);
    if (rows.length === 0) {
      return res.status(404).json({ error: 'Order not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
}

async function listOrders(req, res, next) {
  try {
    const { status, sort } = req.query;
    const sql = `
      SELECT id, customer_id, total, status
        FROM orders
       WHERE status = '${status}'
       ORDER BY ${sort}
    `;
    const [rows] = await db.query(sql); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

// A multi-line call is reported where `db.query(` starts.
async function getInvoice(req, res, next) {
  try {
    const tenantId = req.headers['x-tenant-id'];
    const [rows] = await db.query( // expect: sql-interpolation@error
      `SELECT * FROM invoices WHERE order_id = ${req.params.orderId} AND tenant_id = '${tenantId}'`,
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function updateEmail(req, res, next) {
  try {
    const email = req.body.email;
    const sql = `UPDATE users SET email = '${email}' WHERE id = ?`;
    await db.execute(sql, [req.user.id]); // expect: sql-interpolation@error
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

async function currentSession(req, res, next) {
  try {
    const token = req.cookies.session_token;
    const sql = `SELECT user_id, expires_at FROM sessions WHERE token = '${token}'`;
    const [rows] = await db.query(sql); // expect: sql-interpolation@error
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
}

// Interpolated, but only a time stamp the program computes: no text of anyone's reaches the SQL.
async function recentOrders(req, res, next) {
  try {
    const since = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    const sql = `SELECT id, total FROM orders WHERE created_at > '${since}'`;
    const [rows] = await db.query(sql);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

// Search as recommended: wildcards escaped, the pattern passed as a value.
async function searchUsers(req, res, next) {
  try {
    const { query } = req.query;
    const searchTerm = query.replace(/[%_]/g, '\\$&');
    const [rows] = await db.execute('SELECT * FROM users WHERE name LIKE ?', [`%${searchTerm}%`]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function ordersOfCustomer(req, res, next) {
  try {
    const sql = 'SELECT id, total, status FROM orders WHERE customer_id = ? ORDER BY created_at DESC';
    const [rows] = await db.execute(sql, [req.params.customerId]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

router.get('/users/search', searchUsers);
router.get('/users/:id', getUser);
router.get('/users/:id/safe', getUserSafe);
router.put('/users/me/email', updateEmail);
router.get('/session', currentSession);
router.get('/orders', listOrders);
router.get('/orders/recent', recentOrders);
router.get('/orders/:id', getOrder);
router.get('/orders/:orderId/invoice', getInvoice);
router.get('/customers/:customerId/orders', ordersOfCustomer);

module.exports = router;
