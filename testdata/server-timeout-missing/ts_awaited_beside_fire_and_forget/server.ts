import express, { Request, Response, NextFunction } from 'express';

const app = express();

function announce(url: string, body: object): void {
  fetch(url, { method: 'POST', body: JSON.stringify(body) }).catch(() => undefined);
}

app.get('/api/quotes/:symbol', async (req: Request, res: Response, next: NextFunction) => {
  try {
    announce('https://audit.example.com/events', { symbol: req.params.symbol });
    const upstream = await fetch(`https://quotes.example.com/${req.params.symbol}`);
    res.json(await upstream.json());
  } catch (err) {
    next(err);
  }
});

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

export const server = app.listen(Number(process.env.PORT ?? 3000)); // expect: server-timeout-missing
