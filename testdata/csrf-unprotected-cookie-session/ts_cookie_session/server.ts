import express from 'express';
import cookieSession from 'cookie-session';

const app = express();
app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY ?? ''] })); // expect: csrf-unprotected-cookie-session

app.delete('/posts/:id', (req, res, next) => {
  removePost(req.params.id, req.session?.userId).then(() => res.sendStatus(204), next);
});
app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ error: 'internal' });
});
app.listen(3000);
