import { Request, Response, Router } from 'express';
import { fetchRows, fetchTotals } from '../services/totals';

export const reports = Router();

reports.get('/totals', async (req: Request, res: Response) => {
  res.json(await fetchTotals(String(req.query.day)));
});

reports.get('/rows', async (req: Request, res: Response) => { // expect: express-async-error
  res.json(await fetchRows(String(req.query.day)));
});
