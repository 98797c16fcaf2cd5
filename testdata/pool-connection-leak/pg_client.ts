import { Pool, PoolClient } from 'pg';

const pool = new Pool({ max: 20 });
const db = new Pool({ max: 5 });

export async function countOrders(userId: number): Promise<number> {
  const client: PoolClient = await pool.connect(); // expect: pool-connection-leak
  const res = await client.query('SELECT count(*) FROM orders WHERE user_id = $1', [userId]);
  return Number(res.rows[0].count);
}

export async function createOrder(userId: number, total: number): Promise<void> {
  const client = await db.connect(); // expect: pool-connection-leak
  await client.query('BEGIN');
  await client.query('INSERT INTO orders (user_id, total) VALUES ($1, $2)', [userId, total]);
  await client.query('COMMIT');
  client.release();
}

export async function createOrderSafely(userId: number, total: number): Promise<void> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO orders (user_id, total) VALUES ($1, $2)', [userId, total]);
    await client.query('COMMIT');
  } catch (err) {
    await client?.query('ROLLBACK');
    throw err;
  } finally {
    client?.release();
  }
}

export async function listUsers(): Promise<unknown[]> {
  const { rows } = await pool.query('SELECT id, name FROM users');
  return rows;
}

export async function checkout(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '5s'");
  return client;
}

export class Repo {
  private client?: PoolClient;

  async open(): Promise<void> {
    this.client = await pool.connect();
  }

  async close(): Promise<void> {
    this.client?.release();
  }
}
