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

module.exports = { mailTransport, retry };
