import { pool } from './pool.js';

// Never rejects: the catch clause answers a fallback without awaiting.
export async function stockLevel(sku) {
  try {
    const { rows } = await pool.query('SELECT level FROM stock WHERE sku = $1', [sku]);
    return rows[0]?.level ?? 0;
  } catch {
    return 0;
  }
}

// Awaits again in its catch clause, outside any try.
export async function reserve(sku) {
  try {
    return await pool.query('UPDATE stock SET level = level - 1 WHERE sku = $1', [sku]);
  } catch (err) {
    return await pool.query('INSERT INTO failed_reservations (sku) VALUES ($1)', [sku]);
  }
}
