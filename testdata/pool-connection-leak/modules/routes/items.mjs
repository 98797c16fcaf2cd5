import { acquireClient, inTransaction, reportTitle } from '../lib/pool.mjs';
import * as pools from '../lib/pool.mjs';

export async function listItems(shopId) {
  const client = await acquireClient(); // expect: pool-connection-leak
  const { rows } = await client.query('SELECT * FROM items WHERE shop_id = $1', [shopId]);
  client.release();
  return rows;
}

export async function countItems() {
  const client = await pools.acquireClient(); // expect: pool-connection-leak
  const { rows } = await client.query('SELECT COUNT(*) FROM items');
  return rows[0].count;
}

export async function renameItem(id, name) {
  const client = await acquireClient();
  try {
    await client.query('UPDATE items SET name = $1 WHERE id = $2', [name, id]);
  } finally {
    client.release();
  }
}

export async function moveItem(id, shopId) {
  return inTransaction((client) =>
    client.query('UPDATE items SET shop_id = $1 WHERE id = $2', [shopId, id]),
  );
}

export function title() {
  const text = reportTitle();
  return text.trim();
}
