import { Router, Request, Response } from 'express';
import { sendCode, sendCodeNow } from '../handlers/codes';

const router = Router();

// The handler keeps a per-account cooldown and answers 429 itself.
router.post('/delete/otp', sendCode);
// The same step with no cooldown.
router.post('/close/otp', sendCodeNow); // expect: auth-route-without-rate-limit
router.post('/verify/otp', (req: Request, res: Response) => {
  if (recentAttempts(req.body.account) > 5) {
    res.status(429).json({ error: 'retry later' });
    return;
  }
  res.json({ ok: checkCode(req.body.account, req.body.code) });
});

function recentAttempts(account: string): number {
  return account.length;
}

function checkCode(account: string, code: string): boolean {
  return account === code;
}

export default router;
