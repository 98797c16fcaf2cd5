// The statements of a script, each read from the loop's item: each iteration runs a
// different statement, not a lookup of rows. A statement written in the code with the
// item as its value is a lookup per row.
import { Pool } from 'pg';

const pool = new Pool();

type Step = { sql: string; params: unknown[] };

export async function runMigration(steps: Step[]): Promise<void> {
  for (const step of steps) {
    await pool.query(step.sql.trimEnd(), step.params);
  }
}

export async function touch(userIds: number[]): Promise<void> {
  for (const id of userIds) {
    const statement = 'UPDATE users SET seen = 1 WHERE id = $1';
    await pool.query(statement, [id]); // expect: n-plus-one-query
  }
}
