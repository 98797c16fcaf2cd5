import { Router, Request, Response } from 'express';

const router = Router();

router.get('/api/internal/health-details', async (req: Request, res: Response) => {
  try {
    res.json(await collectHealth());
  } catch (err: any) {
    res.status(500).json({ message: err.message });
  }
});

router.get('/api/health-details', async (req: Request, res: Response) => {
  try {
    res.json(await collectHealth());
  } catch (err: any) {
    res.status(500).json({ message: err.message }); // expect: error-details-leak
  }
});

export default router;
