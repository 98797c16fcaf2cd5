import { Request, Response, NextFunction } from 'express';

export function requestLogger(req: Request, res: Response, next: NextFunction) {
  console.log(req.method, req.path);
  next();
}

// Defined but never registered.
export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  res.status(500).json({ error: 'Internal Server Error' });
}
