import { Router, Request, Response, NextFunction } from 'express';
import { User } from '../models/user';

const router = Router();

// expect: express-async-error
async function getUser(req: Request, res: Response) {
  const user = await User.findById(req.params.id);
  res.json(user);
}

// expect: express-async-error
const listUsers = async (req: Request, res: Response): Promise<void> => {
  const users = await User.find();
  res.json(users);
};

const createUser = async (req: Request, res: Response, next: NextFunction) => {
  try {
    const user = await User.create(req.body);
    res.status(201).json(user);
  } catch (err) {
    next(err);
  }
};

router.get('/users', listUsers);
router.get('/users/:id', getUser);
router.post('/users', createUser);

export default router;
