// Query text grown by reassignment, picked in branches, or passed in a query config object.
require('express-async-errors');
const express = require('express');
const { pool } = require('./db');

const router = express.Router();
const AUDIT_TABLE = process.env.AUDIT_TABLE;

async function searchCustomers(name, city) {
  let sql = 'SELECT id, name FROM customers';
  sql = sql + ` WHERE name = '${name}'`;
  if (city) {
    sql = `${sql} AND city = '${city}'`;
  }
  return pool.query(sql); // expect: sql-interpolation@warning
}

async function lookup(key, value) {
  let sql;
  if (key === 'email') {
    sql = `SELECT * FROM users WHERE email = '${value}'`;
  } else {
    sql = 'SELECT * FROM users';
  }
  return pool.query(sql); // expect: sql-interpolation@warning
}

async function invoicesFor(tenantId) {
  const text = `SELECT * FROM invoices WHERE tenant_id = '${tenantId}'`;
  return pool.query({ text, values: [] }); // expect: sql-interpolation@warning
}

function orderByNumber(orderNumber, done) {
  pool.query({ sql: "SELECT * FROM orders WHERE order_number = '" + orderNumber + "'", timeout: 4000 }, done); // expect: sql-interpolation@warning
}

async function auditTrail(userId) {
  return pool.query(`SELECT * FROM ${AUDIT_TABLE} WHERE user_id = $1`, [userId]);
}

async function schemaTables() {
  const schema = process.env.DB_SCHEMA;
  return pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`); // expect: sql-interpolation@warning
}

router.get('/users/:id', async (req, res) => {
  const result = await pool.query({ text: `SELECT * FROM users WHERE id = ${req.params.id}` }); // expect: sql-interpolation@error
  res.json(result.rows);
});

router.post('/comments', async ({ body }, res) => {
  await pool.query(`INSERT INTO comments (post_id, text) VALUES (${body.postId}, '${body.text}')`); // expect: sql-interpolation@error
  res.sendStatus(201);
});

router.get('/books', async ({ query: { q = '' } }, res) => {
  const { rows } = await pool.query(`SELECT * FROM books WHERE title LIKE '%${q}%'`); // expect: sql-interpolation@error
  res.json(rows);
});

router.post('/tags', async (req, res) => {
  const { tags } = req.body;
  await Promise.all(tags.map((tag) => pool.query(`INSERT INTO tags (name) VALUES ('${tag}')`))); // expect: sql-interpolation@error, n-plus-one-query
  res.sendStatus(201);
});

router.get('/customers', async (req, res) => {
  const clauses = [];
  if (req.query.name) clauses.push(`name = '${req.query.name}'`);
  const sql = 'SELECT * FROM customers WHERE ' + clauses.join(' AND ');
  const { rows } = await pool.query(sql); // expect: sql-interpolation@error
  res.json(rows);
});

// Look-alikes: the same shapes with nothing but literals and placeholders.
async function listCustomers(city) {
  let sql = 'SELECT id, name FROM customers';
  sql = sql + ' WHERE city = $1';
  sql = `${sql} ORDER BY name`;
  return pool.query(sql, [city]);
}

async function pickQuery(active) {
  let sql;
  if (active) {
    sql = 'SELECT * FROM users WHERE active = true';
  } else {
    sql = 'SELECT * FROM users';
  }
  return pool.query(sql);
}

async function invoiceById(id) {
  return pool.query({ text: 'SELECT * FROM invoices WHERE id = $1', values: [id] });
}

router.get('/orders', async ({ query }, res) => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE status = $1', [query.status]);
  res.json(rows);
});

function renderEmail({ body }, recipient) {
  return `Hello ${recipient}, ${body}`;
}

module.exports = { router, searchCustomers, lookup, invoicesFor, orderByNumber, auditTrail, schemaTables, listCustomers, pickQuery, invoiceById, renderEmail };
