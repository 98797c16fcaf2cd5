import express from 'express';

// Tokens in the Authorization header: the browser does not send them on its own.
const app = express();
app.post('/api/items', (req, res) => {
  if (!req.headers.authorization?.startsWith('Bearer ')) return res.sendStatus(401);
  res.status(201).json(createItem(req.body));
});
app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ error: 'internal' });
});
app.listen(3000);
