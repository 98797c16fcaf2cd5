// A statement per item that reads the database's own catalogue (the columns of one table)
// reads no application row. The same loop reading application rows stays reported.
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export async function describeSources(schema: string, sources: { relation: string }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const source of sources) {
    const [columns] = await pool.query(
      'SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      [schema, source.relation],
    );
    out.push(columns);
  }
  return out;
}

export async function rowCountsOfSources(sources: { relation: string }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const source of sources) {
    const [rows] = await pool.query('SELECT row_count FROM table_stats WHERE table_name = ?', [source.relation]); // expect: n-plus-one-query
    out.push(rows);
  }
  return out;
}
