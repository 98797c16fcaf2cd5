const express = require('express');

// Loaded by a plugin system the project does not show: where it is mounted is unknown.
const router = express.Router();
router.post('/login', (req, res) => res.json(login(req.body)));

module.exports = router;
