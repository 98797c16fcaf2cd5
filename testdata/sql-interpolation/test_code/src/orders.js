const { pool } = require('./db');

async function findOrders(req, res) {
  // expect: sql-interpolation
  const { rows } = await pool.query(`SELECT * FROM orders WHERE status = '${req.query.status}'`);
  res.json(rows);
}

module.exports = { findOrders };
