// A guard clause on anything but an opt-out setting does not make the switch a choice.
const https = require('https');

function storageAgent(config) {
  if (!config.storage.endpoint.startsWith('https://')) {
    return undefined;
  }
  return new https.Agent({ rejectUnauthorized: false }); // expect: tls-verify-disabled
}

// A switch that names no opt-out: reported.
const mailTls = process.env.SMTP_HOST ? { rejectUnauthorized: false } : undefined; // expect: tls-verify-disabled

module.exports = { storageAgent, mailTls };
