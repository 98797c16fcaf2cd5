import { Router, Request, Response } from 'express';

const router = Router();

async function testConnection(req: Request, res: Response) {
  try {
    await connectTo(req.body.url);
    res.json({ ok: true });
  } catch (err: any) {
    res.status(500).json({ ok: false, error: err.message });
  }
}

const validateWebhook = async (req: Request, res: Response) => {
  try {
    await pingWebhook(req.body.url);
    res.json({ valid: true });
  } catch (err: any) {
    res.json({ valid: false, error: err.message });
  }
};

async function saveConnection(req: Request, res: Response) {
  try {
    res.json(await storeConnection(req.body));
  } catch (err: any) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
}

async function testimonials(req: Request, res: Response) {
  try {
    res.json(await loadTestimonials());
  } catch (err: any) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
}

router.post('/connections/test', testConnection);
router.post('/webhooks/validate', validateWebhook);
router.post('/connections', saveConnection);
router.get('/testimonials', testimonials);

export default router;
