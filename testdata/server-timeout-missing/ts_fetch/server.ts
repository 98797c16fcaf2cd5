import express, { Request, Response, NextFunction } from 'express';

const app = express();

app.get('/api/rates', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const upstream = await fetch('https://rates.example.com/latest');
    res.json(await upstream.json());
  } catch (err) {
    next(err);
  }
});

// The timer below retries a cache refresh; it is no request timeout.
setTimeout(() => void refreshCache(), 60_000);

async function refreshCache(): Promise<void> {}

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

export const server = app.listen(Number(process.env.PORT ?? 3000)); // expect: server-timeout-missing
