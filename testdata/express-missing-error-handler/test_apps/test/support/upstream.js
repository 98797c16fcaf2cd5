// A helper under test/ that uses no test framework: this stand-in for a payment provider
// is a mock server the tests start. Nothing under the test paths is checked by this rule
// (the app in src/ is).
const express = require('express');

const upstream = express();
upstream.use(express.json());
upstream.post('/charges', (req, res) => res.status(201).json({ id: 'ch_1', ...req.body }));

module.exports = upstream.listen(process.env.UPSTREAM_PORT || 4010);
