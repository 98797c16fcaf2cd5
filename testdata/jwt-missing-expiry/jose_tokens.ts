import { SignJWT } from 'jose';
import jwt from 'jsonwebtoken';

export async function sessionToken(userId: string, key: Uint8Array): Promise<string> {
  return new SignJWT({ sub: userId }) // expect: jwt-missing-expiry
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(key);
}

export function apiToken(userId: string, secret: string): string {
  const claims: Record<string, string> = { sub: userId };
  return jwt.sign(claims, secret, { issuer: 'billing' }); // expect: jwt-missing-expiry
}

// A creation-time-free look-alike of the claims above: still no lifetime.
export function reportToken(reportId: string, secret: string): string {
  return jwt.sign({ reportId, kind: 'export' }, secret); // expect: jwt-missing-expiry
}
