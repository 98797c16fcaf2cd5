import type { Request, Response } from 'express';

export function remember(req: Request, res: Response) {
  res.cookie('device', String(req.body.device), { httpOnly: true });
  res.status(204).end();
}
