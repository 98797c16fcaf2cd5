const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: process.env.DB_HOST, connectionLimit: 10 });

async function findUser(id) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT * FROM users WHERE id = ?', [id]);
  // The first row, or nothing.
  conn.release();

  return rows[0];
}

async function renameUser(id, name) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('UPDATE users SET name = ? WHERE id = ?', [name, id]);
    await conn.commit();
    conn.release();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
}

module.exports = { findUser, renameUser };
