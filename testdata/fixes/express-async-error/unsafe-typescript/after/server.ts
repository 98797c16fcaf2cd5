import express, { NextFunction, Request, Response } from 'express';

const app = express();

app.get('/reports/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const report = await loadReport(req.params.id);
    res.json(report);
  } catch (err) {
    next(err);
  }
});

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal error' });
});

app.listen(3000);
