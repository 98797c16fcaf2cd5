import express, { NextFunction, Request, Response } from 'express';

const app = express();

app.get('/items', (req: Request, res: Response) => res.json([]));

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal error' });
});

// A 404 catch-all after the error middleware is the usual ending.
app.all('*', (req: Request, res: Response) => {
  res.status(404).json({ error: 'not found' });
});

const admin = express();

admin.use((err: Error, req: Request, res: Response, next: NextFunction) => { // expect: express-error-handler-order
  res.status(500).json({ error: 'internal error' });
});

// A route that does real work after the error middleware: its errors skip it.
admin.get('/reports', (req: Request, res: Response) => {
  res.json([]);
});

export { app, admin };
