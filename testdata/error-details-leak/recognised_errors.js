const crypto = require('crypto');
const express = require('express');

const app = express();
const router = express.Router();

// The caller's own body is only parsed: the message names a position in it.
router.post('/import', (req, res) => {
  let parsed;
  try {
    parsed = JSON.parse(req.body.payload);
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
  res.json(parsed);
});

router.post('/import-and-save', async (req, res) => {
  try {
    const parsed = JSON.parse(req.body.payload);
    await db.save(parsed);
    res.json(parsed);
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

// The error carries its own status and falls back to a client error.
router.put('/members/:id/role', async (req, res) => {
  try {
    assertRoleChangeAllowed(req.org, req.body.role);
  } catch (e) {
    return res.status(e.status || 400).json({ message: e.message });
  }
  res.json({ ok: true });
});

router.put('/members/:id', async (req, res) => {
  try {
    await updateMember(req.org, req.body);
  } catch (e) {
    return res.status(e.status || 500).json({ message: e.message }); // expect: error-details-leak
  }
  res.json({ ok: true });
});

// A proxy to another API: the upstream's status is relayed, and so is its failure.
router.post('/import/proxy', async (req, res) => {
  try {
    const response = await fetch(upstreamUrl(req.body.endpoint), { headers: { 'X-API-KEY': req.body.apiKey } });
    if (!response.ok) {
      return res.status(response.status).json({ message: await response.text() });
    }
    res.status(200).json(await response.json());
  } catch (error) {
    res.status(500).json({ message: error.message || 'Failed to fetch' });
  }
});

router.post('/import/run', async (req, res) => {
  try {
    const response = await fetch(upstreamUrl(req.body.endpoint));
    await saveImport(await response.json());
    res.status(200).json({ ok: true });
  } catch (error) {
    res.status(500).json({ message: error.message || 'Failed to import' }); // expect: error-details-leak
  }
});

// Only the deployment's own services, which hold the shared secret, call this route.
app.post(
  '/internal/stats',
  (req, res, next) => {
    const provided = (req.get('authorization') || '').replace(/^Bearer\s+/i, '');
    const hash = (s) => crypto.createHash('sha256').update(s).digest();
    if (!crypto.timingSafeEqual(hash(provided), hash(process.env.STATS_SECRET))) {
      return res.status(401).json({ error: 'Unauthorized' });
    }
    next();
  },
  async (req, res) => {
    try {
      res.json({ results: await runStats(req.body) });
    } catch (error) {
      res.status(500).json({ error: error.message });
    }
  },
);

app.post(
  '/public/stats',
  (req, res, next) => {
    if (!req.get('authorization')) {
      return res.status(401).json({ error: 'Unauthorized' });
    }
    next();
  },
  async (req, res) => {
    try {
      res.json({ results: await runStats(req.body) });
    } catch (error) {
      res.status(500).json({ error: error.message }); // expect: error-details-leak
    }
  },
);

// An administrator check first in the handler.
router.post('/settings/smtp/test', async (req, res) => {
  if (!req.user.isAdmin) {
    return res.status(403).json({ error: 'Forbidden' });
  }
  try {
    res.json(await sendTestMail(req.body.to));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.post('/profile/mail/test', async (req, res) => {
  if (!req.user) {
    return res.status(401).json({ error: 'Unauthorized' });
  }
  try {
    res.json(await sendTestMail(req.user.email));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

// The application's own error class, thrown with messages meant for clients.
app.use((error, req, res, next) => {
  if (error instanceof AppError) {
    return res.status(error.code).send(error);
  }
  if (error instanceof TypeError) {
    return res.status(500).send(error); // expect: error-details-leak
  }
  return res.status(500).send(error); // expect: error-details-leak
});

module.exports = { app, router };
