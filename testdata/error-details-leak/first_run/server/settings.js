// The same answer from a settings page of the running app is reported.
const express = require('express');

const settings = express.Router();

settings.post('/settings/database', async (req, res) => {
  try {
    await testDatabaseConnection(req.body);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ error: err.stack }); // expect: error-details-leak
  }
});

module.exports = settings;
