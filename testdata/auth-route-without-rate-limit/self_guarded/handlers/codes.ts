import { Request, Response, NextFunction } from 'express';
import { accounts, mailer } from '../services';

const COOLDOWN_MS = 60_000;

export async function sendCode(req: Request, res: Response, next: NextFunction) {
  try {
    const account = await accounts.find(req.body.account);
    const wait = account.codeSentAt + COOLDOWN_MS - Date.now();
    if (wait > 0) {
      res.status(429).json({ error: 'cooldown', retryAfterMs: wait });
      return;
    }
    await mailer.sendCode(account);
    res.json({ sent: true });
  } catch (err) {
    next(err);
  }
}

export async function sendCodeNow(req: Request, res: Response, next: NextFunction) {
  try {
    const account = await accounts.find(req.body.account);
    await mailer.sendCode(account);
    res.json({ sent: true });
  } catch (err) {
    next(err);
  }
}
