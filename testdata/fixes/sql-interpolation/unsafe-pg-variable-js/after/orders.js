const { Pool } = require('pg');

const pool = new Pool();

async function listOrders(req, res) {
  const sql = `SELECT * FROM orders WHERE user_id = $1 AND status = $2`;
  const { rows } = await pool.query(sql, [req.params.id, req.query.status]);
  res.json(rows);
}

async function countOrders(req, res) {
  // Open orders of one user.
  const query = 'SELECT count(*) FROM orders WHERE status = $1 AND user_id = $2';
  const { rows } = await pool.query(query, ['open', req.params.id]);
  res.json(rows[0]);
}

module.exports = { listOrders, countOrders };
