import { Request, Response, NextFunction } from 'express';

// expect: error-handler-headers-sent@info
export function warnOnly(err: Error, req: Request, response: Response, next: NextFunction) {
  if (response.headersSent) {
    console.warn('headers already sent', err);
  }
  response.status(500).json({ error: 'Internal Server Error' });
}

export function delegates(err: Error, req: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) {
    return next(err);
  }
  response.status(500).json({ error: 'Internal Server Error' });
}

export const elseBranch = (err: Error, req: Request, res: Response, next: NextFunction) => {
  if (!res.headersSent) {
    res.status(500).json({ error: 'Internal Server Error' });
  } else {
    next(err);
  }
};

// expect: error-handler-headers-sent@info
export const returnsOnly = (err: Error, req: Request, res: Response, _next: NextFunction) => {
  if (res.headersSent) {
    return;
  }
  res.status(500).json({ error: 'Internal Server Error' });
};
