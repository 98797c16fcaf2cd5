import jwt from 'jsonwebtoken';

// The options get their lifetime in the function around the callback that signs: quiet.
export function issueKey(secret: string, keyId: string, ttl?: number): Promise<string> {
  const options: jwt.SignOptions = {};
  if (ttl) options.expiresIn = ttl;
  return new Promise((resolve) => {
    jwt.sign({ keyId }, secret, options, (_err, token) => resolve(token as string));
  });
}

// Options that never get one: reported.
export function issueForever(secret: string, keyId: string): Promise<string> {
  const options: jwt.SignOptions = { algorithm: 'HS256' };
  return new Promise((resolve) => {
    jwt.sign({ keyId }, secret, options, (_err, token) => resolve(token as string)); // expect: jwt-missing-expiry
  });
}
