const jwt = require('jsonwebtoken');
const crypto = require('crypto');

// The app sets the key itself at startup when none is given.
if (!process.env.SESSION_KEY) {
  process.env.SESSION_KEY = crypto.randomBytes(32).toString('hex');
}

module.exports = {
  // Read only when the cache is enabled.
  cache: {
    enabled: !!process.env.CACHE_HOSTS,
    shards: parseInt(process.env.CACHE_SHARDS, 10),
  },
  limits: {
    maxJobs: parseInt(process.env.MAX_JOBS, 10), // expect: env-var-unchecked
  },
  // NaN goes through the arithmetic and takes the fallback.
  uploadLimit: (Number(process.env.MAX_UPLOAD_MB) * 1024 * 1024) || Infinity,
  bodyLimit: Number(process.env.MAX_BODY_KB) * 1024, // expect: env-var-unchecked
  sign: (payload) => jwt.sign(payload, process.env.SESSION_KEY, { expiresIn: '1h' }),
};
