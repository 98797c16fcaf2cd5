import { pool } from '../db';

export async function loadUser(id: string) {
  const result = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  return result.rows[0];
}

export function displayName(user: { name: string }): string {
  return user.name.trim();
}

export default async function loadProfile(id: string) {
  return pool.query('SELECT * FROM profiles WHERE user_id = $1', [id]);
}
