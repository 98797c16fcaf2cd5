import { Router, Request, Response } from 'express';

const router = Router();

router.delete('/extensions/:id', auth.isAdmin, async (req: Request, res: Response) => {
  try {
    await uninstallExtension(req.params.id);
    res.json({ ok: true });
  } catch (err: any) {
    res.status(500).send(err.message);
  }
});

router.get('/admin/extensions/:id', auth.isLoggedIn, async (req: Request, res: Response) => {
  try {
    res.json(await extensionDetails(req.params.id));
  } catch (err: any) {
    res.status(500).send(err.message); // expect: error-details-leak
  }
});

export default router;
