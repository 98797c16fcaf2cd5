import { NextFunction, Request, Response } from 'express';

class UsersController {
  public getUsers = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const users = await this.userService.findAllUser();
      res.status(200).json({ data: users, message: 'findAll' });
    } catch (error) {
      next(error);
    }
  };

  // expect: express-async-error
  public getUserById = async (req: Request, res: Response): Promise<void> => {
    const user = await this.userService.findUserById(Number(req.params.id));
    res.status(200).json({ data: user });
  };
}

export default UsersController;
