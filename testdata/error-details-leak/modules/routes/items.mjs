import express from 'express';
import { replyWithError, replyWithStatus } from '../lib/reply.mjs';
import * as reply from '../lib/reply.mjs';

export const items = express.Router();

items.get('/items/:id', async (req, res) => {
  try {
    res.json(await loadItem(req.params.id));
  } catch (error) {
    replyWithError(res, error); // expect: error-details-leak
  }
});

items.get('/items/:id/history', async (req, res) => {
  try {
    res.json(await loadHistory(req.params.id));
  } catch (error) {
    reply.replyWithError(res, error); // expect: error-details-leak
  }
});

items.get('/items/:id/owner', async (req, res) => {
  try {
    res.json(await loadOwner(req.params.id));
  } catch (error) {
    replyWithStatus(res, error);
  }
});
