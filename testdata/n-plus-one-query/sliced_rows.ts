// `.slice(…)` of an array gives its items: a query per item of a slice is a query per row.
import { pool } from './db';

export async function notifyOthers(req: { params: { team: string } }, res: { sendStatus(code: number): void }) {
  const { rows } = await pool.query('SELECT id FROM members WHERE team = $1', [req.params.team]);
  const others = rows.slice(1);
  for (const member of others) {
    await pool.query('INSERT INTO notices (member) VALUES ($1)', [member.id]); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

export async function firstThree(req: { params: { team: string } }, res: { sendStatus(code: number): void }) {
  const { rows } = await pool.query('SELECT id FROM members');
  // A bound written in the code: at most three queries.
  for (const member of rows.slice(0, 3)) {
    await pool.query('INSERT INTO notices (member) VALUES ($1)', [member.id]);
  }
  res.sendStatus(204);
}
