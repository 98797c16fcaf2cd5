const express = require('express');

const router = express.Router();

async function testConnection(req, res) {
  try {
    await connectTo(req.body.url);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ ok: false, error: err.message });
  }
}

const validateWebhook = async (req, res) => {
  try {
    await pingWebhook(req.body.url);
    res.json({ valid: true });
  } catch (err) {
    res.json({ valid: false, error: err.message });
  }
};

async function saveConnection(req, res) {
  try {
    res.json(await storeConnection(req.body));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
}

async function testimonials(req, res) {
  try {
    res.json(await loadTestimonials());
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
}

router.post('/connections/test', testConnection);
router.post('/webhooks/validate', validateWebhook);
router.post('/connections', saveConnection);
router.get('/testimonials', testimonials);

module.exports = router;
