const { Pool } = require('pg');

const pool = new Pool();

async function staleJobs(req, res) {
  const { rows } = await pool.query(`SELECT * FROM jobs WHERE started < NOW() - INTERVAL '${req.query.age}'`);
  res.json(rows);
}

async function ranked(req, res) {
  const { rows } = await pool.query(`SELECT owner FROM jobs GROUP BY owner ORDER BY COUNT(id) ${req.query.direction}`);
  res.json(rows);
}

async function setTimeout(req, res) {
  await pool.query(`SET statement_timeout = ${req.query.ms}`);
  res.sendStatus(204);
}

module.exports = { staleJobs, ranked, setTimeout };
