// An example plugin: quiet.
const express = require('express');
const { pool } = require('../db');

const router = express.Router();

router.get('/rows', async (req, res, next) => {
  try {
    const sql = "SELECT id, name FROM rows WHERE category = '" + req.query.category + "'";
    const { rows } = await pool.query(sql);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
