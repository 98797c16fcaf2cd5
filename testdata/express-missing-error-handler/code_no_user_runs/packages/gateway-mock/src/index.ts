// A member package that describes itself as a mock for tests: quiet.
import express, { Request, Response } from 'express';

const app = express();
app.use(express.json());

app.post('/hooks', (req: Request, res: Response) => {
  res.json({ received: req.body.event });
});

export default app;
