import { SignJWT } from 'jose';
import { sign } from 'jsonwebtoken';

export async function sessionToken(userId: string, key: Uint8Array): Promise<string> {
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key);
}

export async function claimInPayload(userId: string, key: Uint8Array): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return new SignJWT({ sub: userId, exp }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

export function namedImport(userId: string, secret: string): string {
  return sign({ sub: userId }, secret, { expiresIn: 3600 });
}

// A token built by a helper of the caller's: not judged here.
export async function fromBuilder(builder: SignJWT, key: Uint8Array): Promise<string> {
  return builder.sign(key);
}
