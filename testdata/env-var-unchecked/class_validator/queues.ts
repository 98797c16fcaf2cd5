import Redis from 'ioredis';
import * as jwt from 'jsonwebtoken';

// Checked at startup by the class-validator class: not flagged.
export const queue = new Redis(process.env.QUEUE_REDIS_URL);

export function sign(claims: object) {
  return jwt.sign(claims, process.env.TOKEN_SECRET);
}

// Marked @IsOptional(): a missing value still reaches the client.
export const cache = new Redis(process.env.CACHE_REDIS_URL); // expect: env-var-unchecked
