const { Pool } = require('pg');

const pool = new Pool();

async function report(req, res) {
  const sql = `SELECT * FROM reports WHERE owner = ${req.params.id}`;
  console.log('running', sql);
  const { rows } = await pool.query(sql);
  res.json(rows);
}

async function daily(req, res) {
  let sql = `SELECT * FROM reports WHERE day = '${req.query.day}'`;
  sql += ' ORDER BY id';
  const { rows } = await pool.query(sql);
  res.json(rows);
}

module.exports = { report, daily };
