// A helper of the module that doubles single quotes: the standard escaping of SQL text.
import { db } from './db';

const quoteLiteral = (value: unknown): string => `'${String(value).replace(/'/g, "''")}'`;

export async function markDeleted(rows: Array<Record<string, unknown>>, key: string): Promise<void> {
  const refs = rows.map((row) => String(row[key]));
  await db.query(`UPDATE sync_state SET deleted = true WHERE ref IN (${refs.map(quoteLiteral).join(',')})`);
}

export async function markOne(ref: string): Promise<void> {
  await db.query(`UPDATE sync_state SET deleted = true WHERE ref = ${quoteLiteral(ref)}`);
}

// Quoted but not escaped: reported.
export async function markStale(ref: string): Promise<void> {
  await db.query(`UPDATE sync_state SET stale = true WHERE ref = '${ref}'`); // expect: sql-interpolation
}
