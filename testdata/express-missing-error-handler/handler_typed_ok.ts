import express, { Request, Response, NextFunction, ErrorRequestHandler } from 'express';

class Server {
  private app = express();

  constructor() {
    this.app.use(express.json());
    this.app.get('/', (req: Request, res: Response) => res.send('ok'));
    this.app.use(this.handleErrors);
  }

  private handleErrors(err: Error, req: Request, res: Response, next: NextFunction) {
    res.status(500).json({ error: 'Internal Server Error' });
  }
}

const app = express();
app.get('/', (req: Request, res: Response) => res.send('ok'));
const onError: ErrorRequestHandler = (err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
};
app.use(onError);

export { Server, app };
