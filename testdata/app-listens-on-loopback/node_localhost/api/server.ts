import express from 'express';

const app = express();
const port = Number(process.env.PORT) || 3000;

app.get('/internal/jobs', (_req, res) => res.json([]));

app.use((err: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(port, 'localhost', () => console.log(`api on ${port}`)); // expect: app-listens-on-loopback
