const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db' });

async function checkDatabase() {
  try {
    const conn = await pool.getConnection();
    conn.release();
    return true;
  } catch (err) {
    throw new Error('database unreachable: ' + err.code);
  }
}

async function checkVersion() {
  try {
    const conn = await pool.getConnection(); // expect: pool-connection-leak
    const [rows] = await conn.query('SELECT VERSION() AS v');
    conn.release();
    return rows[0].v;
  } catch (err) {
    throw new Error('database unreachable: ' + err.code);
  }
}

module.exports = { checkDatabase, checkVersion };
