// Clauses built by another module from request input: that module binds or escapes the
// values, and backlint checks it on its own.
import type { Request, Response } from 'express';
import { buildFilters, columnFor, timeRange } from './filters';
import * as clauses from './clauses';
import { db } from './db';

export async function listEvents(req: Request, res: Response) {
  const filterStatement = req.query.filters ? buildFilters(String(req.query.filters)) : '';
  const range = timeRange(req.query);
  const rows = await db.query(`
    SELECT name, count(*) AS total
    FROM events
    WHERE site_id = $1
      ${filterStatement}
      ${range || ''}
    GROUP BY name
  `, [req.params.site]);
  res.json(rows);
}

export async function listSessions(req: Request, res: Response) {
  const where = clauses.sessionWhere(req.query);
  const rows = await db.query(`SELECT * FROM sessions WHERE ${where} ORDER BY started_at DESC`);
  res.json(rows);
}

// Reported: the imported helper's text stands where SQL takes a column, not a clause.
export async function topValues(req: Request, res: Response) {
  const column = columnFor(String(req.query.parameter));
  const rows = await db.query(`SELECT ${column} AS value, count(*) FROM events GROUP BY value`); // expect: sql-interpolation
  res.json(rows);
}

// Reported: a clause written here from request input.
export async function byName(req: Request, res: Response) {
  const nameFilter = `AND name = '${req.query.name}'`;
  const rows = await db.query(`SELECT * FROM events WHERE site_id = $1 ${nameFilter}`, [req.params.site]); // expect: sql-interpolation
  res.json(rows);
}
