import { EventEmitter } from 'events';
import type { Request, Response } from 'express';

const events = new EventEmitter();

export function subscribe(req: Request, res: Response): void {
  res.setHeader('Content-Type', 'text/event-stream');
  events.addListener('order', (order: unknown) => { // expect: listener-leak
    res.write(`data: ${JSON.stringify(order)}\n\n`);
  });
}

export function subscribeClean(req: Request, res: Response): void {
  const onOrder = (order: unknown) => res.write(`data: ${JSON.stringify(order)}\n\n`);
  events.on('order', onOrder);
  res.on('close', () => events.off('order', onOrder));
}

export function subscribeOnce(req: Request, res: Response): void {
  events.once('ready', () => res.json({ ready: true }));
}

export function withSignal(req: Request, res: Response, controller: AbortController): void {
  events.on('tick', () => res.write('tick\n'), { signal: controller.signal });
}
