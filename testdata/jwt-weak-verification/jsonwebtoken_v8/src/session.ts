import jwt from 'jsonwebtoken';

import { settings } from './settings';

const signingSecret: string = settings.sessionSecret;

export function sessionUser(token: string): string {
  const claims = jwt.verify(token, signingSecret) as { sub: string }; // expect: jwt-weak-verification
  return claims.sub;
}

export function pinnedSessionUser(token: string): string {
  const claims = jwt.verify(token, signingSecret, { algorithms: ['HS512'] }) as { sub: string };
  return claims.sub;
}

// Another library's verify is not jsonwebtoken's.
const verifier = { verify: (token: string, key: string) => token === key };
export function sameToken(a: string, b: string): boolean {
  return verifier.verify(a, b);
}
