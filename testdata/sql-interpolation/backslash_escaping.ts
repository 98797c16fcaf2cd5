import type { RowDataPacket } from 'mysql2/promise';
import { pool } from './pool';

export async function copyTag(id: number) {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT name FROM tags WHERE id = ?', [id]);
  // Backslashes escaped before the quotes: quiet.
  const name = String(rows[0].name).replaceAll('\\', '\\\\').replaceAll("'", "\\'");
  await pool.query(`INSERT INTO tags_copy (name) VALUES ('${name}')`);
}

export async function copyLabel(id: number) {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT name FROM labels WHERE id = ?', [id]);
  await pool.query(`INSERT INTO labels_copy (name) VALUES ('${String(rows[0].name).replaceAll("'", "\\'")}')`); // expect: sql-interpolation
}
