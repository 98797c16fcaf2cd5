const express = require('express');

const router = express.Router();
router.post('/', (req, res) => res.status(201).json(req.body));
// A reset of something that is not a password.
router.post('/:id/reset', (req, res) => res.json({ reset: req.params.id }));

module.exports = router;
