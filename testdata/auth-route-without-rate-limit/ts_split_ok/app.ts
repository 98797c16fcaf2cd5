import express from 'express';
import { sessions } from './sessions';

const app = express();
app.use(express.json());
app.use('/v1', sessions);
app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ error: "internal" });
});
app.listen(Number(process.env.PORT ?? 3000));
