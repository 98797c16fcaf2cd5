// The template lists the required settings only; the rest are features off when unset.
module.exports = {
  databaseUrl: process.env.DATABASE_URL,
  secretKey: process.env.SECRET_KEY,
  mail: { host: process.env.MAIL_HOST || 'localhost', port: process.env.MAIL_PORT || 25 },
  monitoringEmail: process.env.MONITORING_EMAIL,
  pgpSigner: process.env.PGP_SIGNER,
  support: { host: process.env.SUPPORT_HOST, token: process.env.SUPPORT_TOKEN },
  couponId: process.env.COUPON_ID,
  extraHeader: process.env.EXTRA_HEADER,
  saveDir: process.env.SAVE_DIR,
  phoneSecret: process.env.PHONE_SECRET,
};
// Passed to a call of the project's own, which may take `undefined`: nothing says it is needed.
startUploads(process.env.UPLOADS_BUCKET);
// Keys an HMAC: the app needs it.
const uploadSigner = require('crypto').createHmac('sha256', process.env.UPLOADS_SIGNING_KEY); // expect: env-var-undeclared, env-var-unchecked
