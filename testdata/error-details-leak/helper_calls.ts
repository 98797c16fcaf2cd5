import { Router, Request, Response } from 'express';

const router = Router();

export function sendFailure(res: Response, detail: any): void {
  res.status(500).json({ error: String(detail) });
}

const sendInvalid = (res: Response, detail: any) => {
  res.status(422).json({ error: detail.message });
};

const sendGeneric = (res: Response, detail: unknown) => {
  console.error(detail);
  res.status(500).json({ error: 'internal error' });
};

router.get('/orders/:id', async (req: Request, res: Response) => {
  try {
    res.json(await loadOrder(req.params.id));
  } catch (err: any) {
    sendFailure(res, err); // expect: error-details-leak
  }
});

router.post('/orders', async (req: Request, res: Response) => {
  try {
    res.json(await createOrder(req.body));
  } catch (err: any) {
    sendInvalid(res, err);
  }
});

router.delete('/orders/:id', async (req: Request, res: Response) => {
  try {
    res.json(await deleteOrder(req.params.id));
  } catch (err: any) {
    sendGeneric(res, err);
  }
});

router.get('/users/:id', (req: Request, res: Response) => {
  findUser(req.params.id).catch((e: Error) => {
    res.send(500).send(e);
  });
});

router.get('/groups/:id', (req: Request, res: Response) => {
  findGroup(req.params.id).catch((e: Error) => {
    res.status(500).send(e); // expect: error-details-leak
  });
});

export default router;
