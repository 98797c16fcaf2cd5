import express, { Request, Response, NextFunction } from 'express';
import axios from 'axios';

const app = express();
app.get('/', (req: Request, res: Response) => res.send('ok'));

// Ordinary middleware and four-parameter error middleware.
app.use((req: Request, res: Response, next: NextFunction) => next());
app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: 'Internal Server Error' });
});
app.use((...args: unknown[]) => console.log(args));

// axios interceptors take (error) => ..., and are not Express middleware.
axios.interceptors.response.use(
  (response) => response,
  (error) => Promise.reject(error),
);

// An error-named function that is never registered.
export function formatError(err: Error, req: Request) {
  return { message: 'failed', path: req.path };
}

export default app;
