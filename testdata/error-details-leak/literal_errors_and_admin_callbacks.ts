// An error answered only when it equals a message the app throws itself, and an answer
// inside a callback of a handler that first turned away everyone but administrators.
import express, { Request, Response } from "express";
import * as datasets from './datasets';
import * as users from './users';

const router = express.Router();

router.post('/datasets', (req: Request, res: Response) => {
  return datasets
    .create(req.body)
    .then((dataset) => res.status(200).send(dataset))
    .catch((err: any) => {
      if (err && err.message && err.message === '401') {
        return res.status(401).send(err);
      }
      return res.status(400).send(err); // expect: error-details-leak
    });
});

router.get('/charts/:id', async (req: Request, res: Response) => {
  try {
    return res.send(await datasets.chart(req.params.id));
  } catch (error: any) {
    if (error.message !== '404') {
      return res.status(500).send(error); // expect: error-details-leak
    }
    return res.status(404).send({ error: 'Chart not found' });
  }
});

router.get('/users', (req: Request, res: Response) => {
  if (!req.user.admin) {
    return res.status(401).send({ error: 'Not authorized' });
  }
  return users
    .findAll()
    .then((list) => res.send(list))
    .catch((error: any) => res.status(400).send(error));
});

router.get('/users/:id', (req: Request, res: Response) => {
  return users
    .findById(req.params.id)
    .then((user) => res.send(user))
    .catch((error: any) => res.status(400).send(error)); // expect: error-details-leak
});

export default router;
