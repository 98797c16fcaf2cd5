const express = require('express');

const router = express.Router();

// Called only by the deployment's own workers.
router.post('/internal/jobs/:id/complete', async (req, res) => {
  try {
    res.json(await completeJob(req.params.id, req.body));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.post('/jobs/:id/complete', async (req, res) => {
  try {
    res.json(await completeJob(req.params.id, req.body));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

router.get('/internals/:id', async (req, res) => {
  try {
    res.json(await describeJob(req.params.id));
  } catch (err) {
    res.status(500).send(err); // expect: error-details-leak
  }
});

module.exports = router;
