const https = require('https');
const nodemailer = require('nodemailer');

function redisOptions(url) {
  const parsed = new URL(url);
  const tls = parsed.protocol === 'rediss:'
    ? parsed.searchParams.get('rejectUnauthorized') === 'false'
      ? { rejectUnauthorized: false }
      : {}
    : undefined;
  return { host: parsed.hostname, tls };
}

function mailTransport(settings) {
  const options = { host: settings.host };
  if (settings['smtp:allow-self-signed']) {
    options.tls = { rejectUnauthorized: false };
  }
  return nodemailer.createTransport(options);
}

function pgSsl(sslMode) {
  if (sslMode === 'require') {
    return { rejectUnauthorized: false };
  }
  return { rejectUnauthorized: true };
}

function webhookAgent(options) {
  if (options.ignoreCertificateErrors) {
    return new https.Agent({ rejectUnauthorized: false });
  }
  return new https.Agent();
}

module.exports = { redisOptions, mailTransport, pgSsl, webhookAgent };
