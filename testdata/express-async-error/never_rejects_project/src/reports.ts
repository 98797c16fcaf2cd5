import { Request, Response, Router } from 'express';
import { pool } from './pool';

export const reports = Router();

interface Summary {
  total: number;
}

// Never rejects: every await is inside try, and the catch answers a fallback.
const fetchSummary = async (day: string): Promise<Summary> => {
  try {
    const result = await pool.query('SELECT count(*) AS total FROM sales WHERE day = $1', [day]);
    return { total: Number(result.rows[0].total) };
  } catch {
    return { total: 0 };
  }
};

// Rejects when the query fails.
async function fetchDetails(day: string): Promise<unknown[]> {
  const result = await pool.query('SELECT * FROM sales WHERE day = $1', [day]);
  return result.rows;
}

reports.get('/summary', async (req: Request, res: Response) => {
  res.json(await fetchSummary(String(req.query.day)));
});

reports.get('/details', async (req: Request, res: Response) => { // expect: express-async-error
  res.json(await fetchDetails(String(req.query.day)));
});
