// A pg pool and the client helpers of the ES modules.
import pg from 'pg';

const pool = new pg.Pool();

export async function acquireClient() {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '5s'");
  return client;
}

export async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}

export function reportTitle() {
  return 'Monthly report';
}
