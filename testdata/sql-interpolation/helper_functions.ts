// SQL built in one function of the module and run in another, typed.
import { Request, Response, Router } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const router = Router();

async function runQuery(sql: string): Promise<unknown[]> {
  const result = await pool.query(sql);
  return result.rows;
}

export function buildSearch(term: string, limit: number): string {
  return `SELECT * FROM products WHERE title LIKE '%${term}%' LIMIT ${limit}`;
}

router.get('/products', async (req: Request, res: Response) => {
  // expect: sql-interpolation
  const rows = await runQuery(`SELECT * FROM products WHERE category = '${req.query.category}'`);
  res.json(rows);
});

router.get('/search', async (req: Request, res: Response) => {
  const sql = buildSearch(String(req.query.q), 20);
  // expect: sql-interpolation
  const rows = await pool.query(sql);
  res.json(rows.rows);
});

// Quiet: constant arguments and constant SQL.
router.get('/featured', async (_req: Request, res: Response) => {
  const rows = await pool.query(buildSearch('featured', 10));
  const all = await runQuery('SELECT * FROM products ORDER BY id');
  res.json([rows.rows, all]);
});

// Quiet: parameters bound by the caller of the runner's look-alike.
async function runBound(sql: string, values: unknown[]): Promise<unknown[]> {
  const result = await pool.query(sql, values);
  return result.rows;
}

router.get('/by-sku', async (req: Request, res: Response) => {
  const rows = await runBound('SELECT * FROM products WHERE sku = $1', [req.query.sku]);
  res.json(rows);
});
