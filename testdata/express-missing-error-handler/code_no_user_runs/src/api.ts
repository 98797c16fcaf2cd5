// The product's API: reported.
import express, { Request, Response } from 'express';

const app = express(); // expect: express-missing-error-handler
app.use(express.json());

app.post('/hooks', (req: Request, res: Response) => {
  res.json({ received: req.body.event });
});

export default app;
