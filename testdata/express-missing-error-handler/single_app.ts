import express, { Request, Response } from 'express';
import cors from 'cors';

const app = express(); // expect: express-missing-error-handler
app.use(cors());
app.use(express.json());

app.get('/health', (req: Request, res: Response) => {
  res.send('ok');
});

export default app;
