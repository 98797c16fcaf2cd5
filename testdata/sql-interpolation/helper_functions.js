// SQL built in one function of the module and run in another.
const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const router = express.Router();

// A function that runs its parameter as SQL: its calls are where the SQL is handed over.
function runLookup(sql) {
  return pool.query(sql);
}

// A function that returns SQL text built from its parameter.
function buildLookup(name) {
  return `SELECT id, email FROM users WHERE name = '${name}'`;
}

const buildRange = (from, to) => "SELECT * FROM events WHERE day BETWEEN '" + from + "' AND '" + to + "'";

// Placeholders only: the values travel separately.
function buildById() {
  return 'SELECT * FROM users WHERE id = $1';
}

router.get('/users/:id', async (req, res) => {
  // expect: sql-interpolation
  const { rows } = await runLookup(`SELECT * FROM users WHERE id = ${req.params.id}`);
  res.json(rows);
});

router.get('/users', async (req, res) => {
  const sql = buildLookup(req.query.name);
  // expect: sql-interpolation
  const { rows } = await pool.query(sql);
  res.json(rows);
});

router.get('/events', async (req, res) => {
  // expect: sql-interpolation
  const { rows } = await pool.query(buildRange(req.query.from, req.query.to));
  res.json(rows);
});

// Quiet: constant SQL through the runner.
router.get('/count', async (req, res) => {
  const { rows } = await runLookup('SELECT count(*) FROM users');
  res.json(rows);
});

// Quiet: the builder is given constants.
router.get('/admins', async (req, res) => {
  const { rows } = await pool.query(buildLookup('admin'));
  res.json(rows);
});

// Quiet: placeholders from a builder, values bound.
router.get('/by-id/:id', async (req, res) => {
  const { rows } = await pool.query(buildById(), [req.params.id]);
  res.json(rows);
});

// Quiet: a function whose parameter is not run as SQL.
function logLine(line) {
  console.log(line);
}

router.get('/log', (req, res) => {
  logLine(`SELECT requested by ${req.query.user}`);
  res.end();
});

class UserStore {
  run(sql) {
    return pool.query(sql);
  }

  byEmail(email) {
    // expect: sql-interpolation
    return this.run(`SELECT * FROM users WHERE email = '${email}'`);
  }

  all() {
    return this.run('SELECT * FROM users');
  }
}

module.exports = { router, UserStore };
