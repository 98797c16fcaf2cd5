import { Router } from 'express';
import { stockLevel, reserve } from '../services/stock.mjs';
import * as stock from '../services/stock.mjs';

export const stockRoutes = Router();

stockRoutes.get('/stock/:sku', async (req, res) => {
  res.json({ level: await stockLevel(req.params.sku) });
});

stockRoutes.get('/stock/:sku/summary', async (req, res) => {
  res.json({ level: await stock.stockLevel(req.params.sku) });
});

stockRoutes.post('/stock/:sku/reserve', async (req, res) => { // expect: express-async-error
  res.json(await reserve(req.params.sku));
});
