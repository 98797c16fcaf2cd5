import { Router } from 'express';

const router = Router();

router.get('/ping', (req, res) => res.send('pong'));

// Router-level error middleware registered before a route of the same router.
router.use((err: Error, req: any, res: any, next: any) => { // expect: express-error-handler-order
  res.status(500).json({ error: 'Internal Server Error' });
});

router.post('/echo', (req, res) => res.json(req.body));

export default router;
