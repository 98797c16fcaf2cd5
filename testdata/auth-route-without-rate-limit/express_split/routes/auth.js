const express = require('express');
const accounts = require('../accounts');

const router = express.Router();

router.post('/login', async (req, res, next) => { // expect: auth-route-without-rate-limit
  try {
    res.json(await accounts.login(req.body.email, req.body.password));
  } catch (err) {
    next(err);
  }
});

router.post('/forgot-password', accounts.sendResetMail); // expect: auth-route-without-rate-limit
router.post('/2fa', accounts.checkCode); // expect: auth-route-without-rate-limit

// Not credential steps.
router.get('/login', accounts.loginPage);
router.post('/logout', accounts.logout);
router.post('/register', accounts.register);

module.exports = router;
