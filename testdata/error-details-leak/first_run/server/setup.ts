// The setup wizard of a self-hosted app runs before it is configured: quiet.
import express from 'express';

export const setup = express.Router();

setup.post('/finalize', async (req, res) => {
  try {
    await writeConfiguration(req.body);
    res.json({ ok: true });
  } catch (err: any) {
    res.status(500).json({ ok: false, error: err.message });
  }
});
