const { Pool } = require('pg');

const pool = new Pool();

async function listOrders(req, res) {
  const sql = `SELECT * FROM orders WHERE user_id = ${req.params.id} AND status = '${req.query.status}'`;
  const { rows } = await pool.query(sql);
  res.json(rows);
}

async function countOrders(req, res) {
  // Open orders of one user.
  const query = 'SELECT count(*) FROM orders WHERE status = $1 AND user_id = ' + req.params.id;
  const { rows } = await pool.query(query, ['open']);
  res.json(rows[0]);
}

module.exports = { listOrders, countOrders };
