const https = require('https');
const nodemailer = require('nodemailer');

function mailTransport(settings) {
  const options = { host: settings.host };
  if (settings.secure) {
    options.tls = { rejectUnauthorized: false }; // expect: tls-verify-disabled
  }
  return nodemailer.createTransport(options);
}

function retry(err, config) {
  if (err.message === 'self signed certificate in certificate chain') {
    config.tls.rejectUnauthorized = false; // expect: tls-verify-disabled
  }
}

function partnerAgent(partner) {
  if (partner.selfHosted) {
    return new https.Agent({ rejectUnauthorized: false }); // expect: tls-verify-disabled
  }
  return new https.Agent();
}

module.exports = { mailTransport, retry, partnerAgent };
