import express, { Request, Response } from 'express';

const app = express();
app.get('/', (req: Request, res: Response) => res.send('ok'));

// expect: express-error-handler-arity
function errorHandler(error: Error, req: Request, res: Response) {
  res.status(500).json({ error: 'Internal Server Error' });
}

// expect: express-error-handler-arity
const logError = (err: Error, req: Request, res: Response) => console.error(err);

app.use(logError);
app.use(errorHandler);

export default app;
