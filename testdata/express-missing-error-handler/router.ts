import { Router } from 'express';

// Routers are covered by the app they are mounted on.
export const router = Router();

router.get('/items', (req, res) => {
  res.json([]);
});
