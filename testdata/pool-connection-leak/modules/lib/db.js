// Connection helpers shared by the route modules.
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db', user: 'app', database: 'shop' });

async function getConn() {
  return pool.getConnection();
}

async function withConnection(work) {
  const conn = await pool.getConnection();
  try {
    return await work(conn);
  } finally {
    conn.release();
  }
}

async function countRows(table) {
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM ??', [table]);
  return rows[0].n;
}

function openMemoryStore() {
  return { rows: [], query: async () => [] };
}

module.exports = { getConn, withConnection, countRows, openMemoryStore };
