// A server of an example in the documentation: quiet.
import express, { Request, Response } from 'express';

const app = express();
app.use(express.json());

app.post('/hooks', (req: Request, res: Response) => {
  res.json({ received: req.body.event });
});

export default app;
