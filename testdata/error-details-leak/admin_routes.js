const express = require('express');

const router = express.Router();

router.delete('/extensions/:id', requireAdmin, async (req, res) => {
  try {
    await uninstallExtension(req.params.id);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.get('/admin/extensions/:id', requireLogin, async (req, res) => {
  try {
    res.json(await extensionDetails(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

module.exports = router;
