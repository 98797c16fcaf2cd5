import { Pool } from 'pg';

const pool = new Pool();

export async function countUsers(): Promise<number> {
  const { rows } = await pool.query('SELECT count(*) AS n FROM users');
  return Number(rows[0].n);
}
