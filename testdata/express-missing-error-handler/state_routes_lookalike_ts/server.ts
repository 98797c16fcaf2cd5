// A log line that computes from the request may throw: reported.
import express, { Request, Response } from 'express';

let state = 'up';
const stateServer = express(); // expect: express-missing-error-handler

stateServer.post('/state/maint', (req: Request, res: Response) => {
  state = 'maint';
  console.log(req.body.reason.trim());
  res.sendStatus(204);
});

stateServer.listen(3048);
