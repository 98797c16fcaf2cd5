import jwt from 'jsonwebtoken';

// expect: hardcoded-secret
const SIGNING = 'k3y-f0r-t0k3ns';

export function issue(userId: string): string {
  // expect: hardcoded-secret
  return jwt.sign({ sub: userId }, 'keyboard-cat-2024', { expiresIn: '1h' });
}

export function check(token: string) {
  return jwt.verify(token, SIGNING);
}

export const JWT_SECRET = 'a9f8e7d6c5b4a3f2e1d0'; // expect: hardcoded-secret

export const stripe = { apiKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' }; // expect: hardcoded-secret
