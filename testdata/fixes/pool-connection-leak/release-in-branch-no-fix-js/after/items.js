const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: process.env.DB_HOST, connectionLimit: 10 });

async function findItem(id, keep) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT * FROM items WHERE id = ?', [id]);
  if (!keep) {
    conn.release();
  }
  return rows[0];
}

async function touchItem(id) {
  const conn = await pool.getConnection();
  await conn.query('UPDATE items SET touched = NOW() WHERE id = ?', [id]);
  conn.release();
  await conn.query('SELECT 1');
}

module.exports = { findItem, touchItem };
