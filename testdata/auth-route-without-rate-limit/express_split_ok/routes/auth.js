const express = require('express');
const accounts = require('../accounts');

const router = express.Router();

router.post('/login', accounts.login);
router.post('/reset-password', accounts.resetPassword);

module.exports = router;
