import jwt from 'jsonwebtoken';
import { config } from './config';

const PUBLIC_KEY: string = config.authPublicKey;

export function authenticate(token: string): jwt.JwtPayload | string {
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ['ES256'] });
}

export function userIdFrom(token: string, secret: string): string {
  const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as { userId: string };
  return claims.userId;
}

export function logClaims(token: string): void {
  const claims = jwt.decode(token);
  console.debug('token claims', claims);
}
