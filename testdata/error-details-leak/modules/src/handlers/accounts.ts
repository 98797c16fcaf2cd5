import { Router, Request, Response } from 'express';
import { sendError, sendBadInput, sendOops, ErrorReply } from '../errors';

export const accounts = Router();

accounts.get('/accounts/:id', async (req: Request, res: Response) => {
  try {
    res.json(await loadAccount(req.params.id));
  } catch (e) {
    sendError(res, e); // expect: error-details-leak
  }
});

accounts.get('/accounts/:id/plan', async (req: Request, res: Response) => {
  try {
    res.json(await loadPlan(req.params.id));
  } catch (e) {
    ErrorReply.send(res, e); // expect: error-details-leak
  }
});

accounts.post('/accounts', async (req: Request, res: Response) => {
  try {
    res.json(await createAccount(req.body));
  } catch (e) {
    sendBadInput(res, e);
  }
});

accounts.delete('/accounts/:id', async (req: Request, res: Response) => {
  try {
    res.json(await deleteAccount(req.params.id));
  } catch (e) {
    sendOops(res, e);
  }
});
