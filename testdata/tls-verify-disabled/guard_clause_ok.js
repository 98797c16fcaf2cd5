// Verification is off only after a guard clause let the operator's opt-out through.
const https = require('https');

function storageAgent(config) {
  if (config.storage.verifyTls !== false) {
    return undefined;
  }
  return new https.Agent({ rejectUnauthorized: false });
}

// An option named for allowing the certificates verification rejects.
const mailTls = process.env.ALLOW_UNAUTHORIZED_CERTS ? { rejectUnauthorized: false } : undefined;

module.exports = { storageAgent, mailTls };
