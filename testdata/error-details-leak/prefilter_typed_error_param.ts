import { NextFunction, Request, Response } from 'express';

export function onError(error: any, req: Request, res: Response, next: NextFunction) {
  res.status(500).json({ stack: error.stack }); // expect: error-details-leak
}
