import express, { NextFunction, Request, Response } from 'express';
import { handleErrors } from './monitoring';

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

const app = express();
const router = express.Router();

function withErrors(fn: Handler): Handler {
  return (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
}

async function showProfile(req: Request, res: Response) {
  res.json({ id: req.params.id });
}

router.use(withErrors(async (req: Request, res: Response, next: NextFunction) => next()));
router.get('/profile/:id', withErrors(showProfile));
router.delete('/profile/:id', withErrors(async (req: Request, res: Response) => res.sendStatus(204)));

app.use(handleErrors({ log: true })); // expect: express-error-handler-order
app.use('/users', router);

export default app;
