// A helper under test/ that uses no test framework is checked like app code: this stand-in
// for a payment provider is an Express app that a developer also runs by hand.
const express = require('express');

// expect: express-missing-error-handler
const upstream = express();
upstream.use(express.json());
upstream.post('/charges', (req, res) => res.status(201).json({ id: 'ch_1', ...req.body }));

module.exports = upstream.listen(process.env.UPSTREAM_PORT || 4010);
