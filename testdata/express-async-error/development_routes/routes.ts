import { Router } from 'express';

export const router = Router();

const isE2E = process.env.E2E === '1';

if (isE2E) {
  router.get('/_e2e/snapshot', async (req, res) => {
    await Database.snapshot();
    res.sendStatus(204);
  });
}

router.get('/invoices', async (req, res) => { // expect: express-async-error
  res.json(await Invoice.findAll());
});
