import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';

// A controller exported from this module: a handler by its shape.
function signingKey(header: unknown, done: (err: Error | null, key?: string) => void) {
  lookupKey(header, done);
}

export function verify(req: Request, res: Response, next: NextFunction) {
  jwt.verify(req.headers.authorization ?? '', signingKey, (err, decoded) => {
    if (err) throw err; // expect: callback-throw
    res.locals.user = decoded;
    next();
  });
}

export function later(req: Request, res: Response) {
  setImmediate(() => {
    throw new Error('later'); // expect: callback-throw
  });
}
