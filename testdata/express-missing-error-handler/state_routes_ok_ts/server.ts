// The state port in TypeScript: quiet.
import express, { NextFunction, Request, Response } from 'express';

let state = 'up';
const stateServer = express();

stateServer.post('/state/maint', (req: Request, res: Response, next: NextFunction) => {
  state = 'maint';
  console.log('state set to maint');
  res.sendStatus(204);
});

stateServer.all('/ping', (req: Request, res: Response) => res.status(200).send('pong'));

stateServer.listen(3048);
