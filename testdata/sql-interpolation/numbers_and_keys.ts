import { Pool } from 'pg';

// `total - 1` and `count * 2` are numbers.
export async function lastPage(pool: Pool, total: string, count: string) {
  return pool.query(`SELECT * FROM pages OFFSET ${total - 1} LIMIT ${count * 2}`);
}

// `prefix + 1` concatenates when `prefix` is text: reported.
export async function versioned(pool: Pool, prefix: string) {
  return pool.query(`SELECT * FROM pages WHERE version = '${prefix + 1}'`); // expect: sql-interpolation
}
