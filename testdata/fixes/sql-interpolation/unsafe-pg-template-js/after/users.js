const { Pool } = require('pg');

const pool = new Pool();

async function findUser(req, res) {
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = $1 AND org = $2`, [req.params.id, req.query.org]);
  res.json(rows);
}

async function findOrders(req, res) {
  const { rows } = await pool.query(`SELECT * FROM orders WHERE status = $1 AND user_id = $2`, ['open', req.params.id]);
  res.json(rows);
}

module.exports = { findUser, findOrders };
