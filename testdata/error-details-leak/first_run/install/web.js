// A first-run web installer tells the operator why the database connection failed: quiet.
const express = require('express');

const installer = express.Router();

installer.post('/install', async (req, res) => {
  try {
    await testDatabaseConnection(req.body);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ error: err.stack });
  }
});

module.exports = installer;
