// The same mock server in TypeScript: under the test paths, not checked.
import express, { Request, Response } from 'express';

export function startMockWebhook(port: number) {
  const app = express();
  app.use(express.json());
  app.post('/hook', async (req: Request, res: Response) => {
    res.json({ received: req.body });
  });
  return app.listen(port);
}
