const rateLimit = require('express-rate-limit');

exports.authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 20, skipSuccessfulRequests: true });
