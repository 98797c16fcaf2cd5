const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost', connectionLimit: 10 });

// The seed's fix: release in finally.
async function executeQuery(sql, params) {
  const connection = await pool.getConnection();
  try {
    const [rows] = await connection.execute(sql, params);
    return rows;
  } catch (error) {
    console.error('Query failed:', error);
    throw error;
  } finally {
    connection.release();
  }
}

async function findUser(id) {
  const conn = await pool.getConnection(); // expect: pool-connection-leak@error
  const [rows] = await conn.query('SELECT * FROM users WHERE id = ?', [id]);
  conn.release();
  return rows[0];
}

async function neverReleased(id) {
  const conn = await pool.getConnection(); // expect: pool-connection-leak
  const [rows] = await conn.query('SELECT * FROM orders WHERE user_id = ?', [id]);
  return rows;
}

async function earlyReturn(id) {
  const conn = await pool.getConnection(); // expect: pool-connection-leak
  if (!id) {
    return null;
  }
  try {
    const [rows] = await conn.query('SELECT * FROM users WHERE id = ?', [id]);
    return rows;
  } finally {
    conn.release();
  }
}

// Released in the try body and in the catch: every path.
async function transfer(from, to, amount) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('UPDATE accounts SET balance = balance - ? WHERE id = ?', [amount, from]);
    await conn.query('UPDATE accounts SET balance = balance + ? WHERE id = ?', [amount, to]);
    await conn.commit();
    conn.release();
  } catch (err) {
    await conn.rollback();
    conn.release();
    throw err;
  }
}

// The driver takes and releases the connection itself.
async function countUsers() {
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM users');
  return rows[0].n;
}

// Returned to the caller, who releases it.
async function getTenantConnection(tenant) {
  const conn = await pool.getConnection();
  await conn.query('USE ??', [tenant]);
  return conn;
}

// Handed to a function that releases it.
async function handOver() {
  const conn = await pool.getConnection();
  await runAndRelease(conn);
}

async function runAndRelease(c) {
  try {
    await c.query('SELECT 1');
  } finally {
    c.release();
  }
}

// Callback style: released in the query callback.
function legacy(res) {
  pool.getConnection((err, conn) => {
    if (err) throw err;
    conn.query('SELECT 1', (qerr, rows) => {
      conn.release();
      res.json(rows);
    });
  });
}

module.exports = { executeQuery, findUser, neverReleased, earlyReturn, transfer, countUsers, getTenantConnection, handOver, legacy };
