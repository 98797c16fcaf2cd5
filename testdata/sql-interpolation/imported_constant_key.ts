import { Pool } from 'pg';
import { CHAT_ID } from './keys';

// `CHAT_ID` is read as a computed key here, not bound: it stays the imported constant.
export async function withoutChat(pool: Pool, filter: Record<string, unknown>) {
  const { [CHAT_ID]: chatId, ...rest } = filter;
  const rows = await pool.query(`SELECT * FROM docs WHERE NOT (metadata ? '${CHAT_ID}') AND metadata @> $1`, [rest]);
  return { rows, chatId };
}

// The destructured value itself is the caller's: reported.
export async function forChat(pool: Pool, filter: Record<string, unknown>) {
  const { [CHAT_ID]: chatId } = filter;
  return pool.query(`SELECT * FROM docs WHERE metadata->>'chat' = '${chatId}'`); // expect: sql-interpolation
}
