const express = require('express');
const wrapAll = require('../wrap');
const raw = require('../handlers/oauth');
const legacy = require('../handlers/legacy');

const handlers = wrapAll(raw);
const router = express.Router();

// Only server-issued grants: a code or a refresh token, nothing a client can guess.
router.post('/token', handlers.exchange);
// The same endpoint shape with the resource-owner password grant.
router.post('/legacy/token', legacy.exchange); // expect: auth-route-without-rate-limit

module.exports = router;
