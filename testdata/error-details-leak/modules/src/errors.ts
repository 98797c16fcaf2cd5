import type { Response } from 'express';

export const sendError = (res: Response, cause: any): void => {
  res.status(500).json({ message: cause.message });
};

export const sendBadInput = (res: Response, cause: any): void => {
  res.status(400).json({ message: cause.message });
};

export const sendOops = (res: Response, cause: unknown): void => {
  res.status(500).json({ message: 'Something went wrong' });
};

export class ErrorReply {
  static send(res: Response, cause: any): void {
    res.status(500).json({ cause });
  }
}
