import express, { NextFunction, Request, Response } from 'express';

const app = express();
app.get('/', (req: Request, res: Response, next: NextFunction) => res.send('ok'));

function errorHandler(error: Error, req: Request, res: Response) {
  res.status(500).json({ error: 'Internal Server Error' });
}
app.use(errorHandler);
