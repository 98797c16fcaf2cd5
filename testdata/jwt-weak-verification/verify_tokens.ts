import jwt from 'jsonwebtoken';
import { config } from './config';

const PUBLIC_KEY: string = config.authPublicKey;

export function authenticate(token: string): jwt.JwtPayload | string {
  return jwt.verify(token, PUBLIC_KEY); // expect: jwt-weak-verification
}

export function userIdFrom(token: string): string {
  const claims = jwt.decode(token) as { userId: string }; // expect: jwt-weak-verification
  return claims.userId;
}
