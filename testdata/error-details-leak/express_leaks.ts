import { Request, Response, NextFunction } from 'express';

export async function getUser(req: Request, res: Response, next: NextFunction) {
  try {
    res.json(await findUser(req.params.id));
  } catch (e) {
    res.status(500).send(`Lookup failed: ${e}`); // expect: error-details-leak
  }
}

export function errorHandler(err: Error, req: Request, response: Response, next: NextFunction) {
  response.status(500).json({ error: 'Internal Server Error', details: err.stack }); // expect: error-details-leak
}
