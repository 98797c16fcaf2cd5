import jwt from 'jsonwebtoken';

export function issue(userId: string, signingKey: string): string {
  return jwt.sign({ sub: userId }, signingKey); // expect: jwt-missing-expiry
}
