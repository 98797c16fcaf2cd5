import express, { Request, Response } from 'express';

const app = express();
const port: number = Number(process.env.PORT ?? 3000);

app.get('/health', (_req: Request, res: Response) => res.json({ ok: true }));

app.use((err: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(port, '0.0.0.0');
