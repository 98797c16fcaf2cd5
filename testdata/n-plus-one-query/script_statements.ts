import { sql } from 'drizzle-orm';
import { db } from './db';

export async function runScript(statements: string[]) {
  // Each statement of the script is run in turn.
  for (const statement of statements) {
    await db.execute(sql.raw(statement));
  }
}

export async function touchUsers(userIds: number[]) {
  for (const id of userIds) {
    await db.execute(sql`UPDATE users SET seen = 1 WHERE id = ${id}`); // expect: n-plus-one-query
  }
}


