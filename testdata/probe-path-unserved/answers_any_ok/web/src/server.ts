import express, { Request, Response, NextFunction } from 'express';

const app = express();

app.get('/api/orders', (req: Request, res: Response) => res.json([]));
app.use((req: Request, res: Response) => {
  res.status(200).send('up');
});
app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

app.listen(3000);
