const { getConn, withConnection, openMemoryStore } = require('../lib/db');
const db = require('../lib/db');

async function listOrders(customerId) {
  const conn = await getConn(); // expect: pool-connection-leak
  const [rows] = await conn.query('SELECT * FROM orders WHERE customer_id = ?', [customerId]);
  conn.release();
  return rows;
}

async function countOrders() {
  const conn = await db.getConn(); // expect: pool-connection-leak
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

async function deleteOrder(id) {
  return withConnection((conn) => conn.query('DELETE FROM orders WHERE id = ?', [id]));
}

async function cachedOrders() {
  const store = openMemoryStore();
  const rows = await store.query('orders');
  return rows.length;
}

async function tableSize(table) {
  return db.countRows(table);
}

module.exports = { listOrders, countOrders, archiveOrder, deleteOrder, cachedOrders, tableSize };
