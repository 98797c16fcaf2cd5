// Connections taken through a function of this module that returns them.
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db', user: 'app', database: 'shop' });

async function getConn() {
  return pool.getConnection();
}

const openConnection = async () => {
  const conn = await pool.getConnection();
  await conn.query("SET time_zone = '+00:00'");
  return conn;
};

async function listOrders(customerId) {
  const conn = await getConn(); // expect: pool-connection-leak
  const [rows] = await conn.query('SELECT * FROM orders WHERE customer_id = ?', [customerId]);
  conn.release();
  return rows;
}

async function countOrders() {
  const conn = await openConnection(); // expect: pool-connection-leak
  const [rows] = await conn.query('SELECT COUNT(*) AS n FROM orders');
  return rows[0].n;
}

async function archiveOrder(id) {
  const conn = await getConn();
  try {
    await conn.query('UPDATE orders SET archived = 1 WHERE id = ?', [id]);
  } finally {
    conn.release();
  }
}

async function withConnection(work) {
  const conn = await openConnection();
  try {
    return await work(conn);
  } finally {
    conn.release();
  }
}

// A helper of the same name as a wrapper's method elsewhere: not this module's function.
async function ping(client) {
  const conn = await client.getConn();
  return conn.ping();
}

module.exports = { listOrders, countOrders, archiveOrder, withConnection, ping };
