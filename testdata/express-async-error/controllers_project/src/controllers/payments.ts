import { Request, Response, NextFunction } from 'express';

export async function pay(req: Request, res: Response, next: NextFunction) {
  try {
    await Payment.charge(req.params.id);
    res.sendStatus(204);
  } catch (e) {
    next(e);
  }
}
