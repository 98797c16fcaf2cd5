import jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

const tokenKey = process.env.TOKEN_KEY;
if (!tokenKey) {
  throw new Error('TOKEN_KEY is required');
}

export function requireToken(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const [scheme, token] = header.split(' ');
  if (scheme !== 'Bearer' || !token) {
    res.status(401).json({ error: 'missing token' });
    return;
  }
  try {
    (req as any).user = jwt.verify(token, tokenKey, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}
