const db = require('../db');

async function findOrder(id) {
  const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0];
}

async function findOrders(ids) {
  const { rows } = await db.query('SELECT * FROM orders WHERE id = ANY($1)', [ids]);
  return rows;
}

function formatOrder(order) {
  return `#${order.id} (${order.total})`;
}

module.exports = { findOrder, findOrders, formatOrder };
