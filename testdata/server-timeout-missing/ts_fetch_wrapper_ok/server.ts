import express, { Request, Response, NextFunction } from 'express';
import { getJson } from './lib/upstream';

const app = express();

app.get('/api/rates', async (req: Request, res: Response, next: NextFunction) => {
  try {
    res.json(await getJson('https://rates.example.com/latest'));
  } catch (err) {
    next(err);
  }
});

app.get('/api/status', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const upstream = await fetch('https://status.example.com/');
    res.sendStatus(upstream.status);
  } catch (err) {
    next(err);
  }
});

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

app.listen(Number(process.env.PORT ?? 3000));
