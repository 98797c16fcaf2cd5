const { Pool } = require('pg');

const pool = new Pool();

async function sorted(req, res) {
  const { rows } = await pool.query(`SELECT * FROM users ORDER BY ${req.query.sort}`);
  res.json(rows);
}

async function search(req, res) {
  const { rows } = await pool.query(`SELECT * FROM users WHERE name LIKE '%${req.query.q}%'`);
  res.json(rows);
}

module.exports = { sorted, search };
