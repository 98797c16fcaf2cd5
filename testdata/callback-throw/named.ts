import express, { Request, Response, NextFunction } from 'express';
import { readFile } from 'fs';

const router = express.Router();

function onConfig(err: NodeJS.ErrnoException | null, data: Buffer): void {
  if (err) throw err; // expect: callback-throw
  console.log(data.length);
}

export function reload(req: Request, res: Response, next: NextFunction) {
  readFile('config.json', onConfig);
  res.sendStatus(202);
}

router.post('/poll', (req: Request, res: Response) => {
  const check = (): void => {
    throw new Error('poll failed'); // expect: callback-throw
  };
  setInterval(check, 1000);
  res.sendStatus(202);
});

export default router;
