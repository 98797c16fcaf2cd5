const { Pool } = require('pg');

const pool = new Pool();

async function findUser(req, res) {
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = ${req.params.id} AND org = '${req.query.org}'`);
  res.json(rows);
}

async function findOrders(req, res) {
  const { rows } = await pool.query(`SELECT * FROM orders WHERE status = $1 AND user_id = ${req.params.id}`, ['open']);
  res.json(rows);
}

module.exports = { findUser, findOrders };
