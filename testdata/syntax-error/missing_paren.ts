import { Request, Response } from 'express';

export function total(items: number[]): number {
  return items.reduce((sum, item) => sum + item, 0; // expect: syntax-error
}

export async function show(req: Request, res: Response) {
  res.json({ total: total([1, 2, 3]) });
}
