// An example plugin: quiet.
import express from 'express';
import { pool } from '../db';

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

export default router;
