import jwt from 'jsonwebtoken';

export function tokenFor(userId: string): string {
  return jwt.sign({ sub: userId }, 'test-signing-key');
}
