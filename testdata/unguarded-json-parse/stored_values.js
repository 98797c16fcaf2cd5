// A value the application stored in its own Redis or cache, looked up under a key the
// request names: quiet. The request's own text parsed the same way: reported.
const express = require('express');
require('express-async-errors');
const { redisClient } = require('./storage');

const router = express.Router();

router.get('/oauth/callback', async (req, res) => {
  const state = JSON.parse(await redisClient.get(`oauth:${req.query.state}`));
  res.json({ redirect: state.redirectUri });
});

router.get('/oauth/start', (req, res) => {
  const options = JSON.parse(req.get('x-oauth-options')); // expect: unguarded-json-parse
  res.json({ options });
});

module.exports = router;
