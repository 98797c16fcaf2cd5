const jwt = require('jsonwebtoken');

// The app generates the key at startup when none is given, and sets it itself.
function initSessionKey(generate) {
  if (!process.env.SESSION_KEY) {
    process.env.SESSION_KEY = generate();
  }
}

function sign(payload) {
  return jwt.sign(payload, process.env.SESSION_KEY, { expiresIn: '1h' });
}

// Settings of a tracing feature, read only when it is not turned off.
if (!process.env.DISABLE_TRACING) {
  const { TRACE_COMMIT, TRACE_REPO } = process.env;
  console.log('tracing', TRACE_COMMIT, TRACE_REPO);
}

// Read outside any condition: a deployment from the template leaves it unset.
const { SMTP_HOST } = process.env; // expect: env-var-undeclared

// Arithmetic on the number falls back when the variable is missing (NaN is falsy).
const uploadLimit = (Number(process.env.MAX_UPLOAD_MB) * 1024 * 1024) || Infinity;

// The other branch already hands null to the code that takes the key.
function vendorKey(given) {
  return given === true ? process.env.VENDOR_KEY : given || process.env.VENDOR_KEY || null;
}

// The project's helper returns the literal it is given when the variable is unset.
const poolSize = toValidNumber(process.env.POOL_SIZE, 10);
const retries = toValidNumber(process.env.RETRIES); // expect: env-var-undeclared

function toValidNumber(value, fallback = 0) {
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

module.exports = { initSessionKey, sign, uploadLimit, vendorKey, SMTP_HOST, poolSize, retries };
