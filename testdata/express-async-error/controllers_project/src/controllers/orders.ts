import { Request, Response } from 'express';

export default class OrderController {
  // expect: express-async-error
  static async list(req: Request, res: Response) {
    const orders = await Order.find();
    res.json(orders);
  }
}
