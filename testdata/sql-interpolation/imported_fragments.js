const express = require('express');
const { whereFromQuery } = require('./where');
const pool = require('./pool');

const router = express.Router();

// A clause another module builds from the query string.
router.get('/orders', async (req, res) => {
  const where = whereFromQuery(req.query);
  const { rows } = await pool.query(`SELECT * FROM orders WHERE tenant_id = 7 ${where} LIMIT 50`);
  res.json(rows);
});

// A helper of this module is not another module's checked clause builder.
function localWhere(query) {
  return `AND status = '${query.status}'`;
}

router.get('/refunds', async (req, res) => {
  const where = localWhere(req.query);
  const { rows } = await pool.query(`SELECT * FROM refunds WHERE tenant_id = 7 ${where}`); // expect: sql-interpolation
  res.json(rows);
});

// The imported call's text compared as a value.
router.get('/customers', async (req, res) => {
  const { rows } = await pool.query(`SELECT * FROM customers WHERE email = '${whereFromQuery(req.query)}'`); // expect: sql-interpolation
  res.json(rows);
});

module.exports = router;
