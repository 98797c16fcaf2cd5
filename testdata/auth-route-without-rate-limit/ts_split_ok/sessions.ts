import { Router } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createSession } from './sessions';

const attempts = new RateLimiterMemory({ points: 5, duration: 60 });

export const sessions = Router();

sessions.post('/sessions', async (req, res, next) => {
  try {
    await attempts.consume(req.ip ?? 'unknown');
  } catch {
    res.status(429).end();
    return;
  }
  next();
}, createSession);
