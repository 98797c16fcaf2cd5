// Optional settings read through the project's own helpers, which supply the default, or
// kept as `undefined` for code that handles it: nothing says a deployment needs them.
const { parseBool, parseNumber } = require('./env-helpers');

module.exports = {
  port: process.env.PORT,
  databaseUrl: process.env.DATABASE_URL,
  sessionSecret: process.env.SESSION_SECRET,
  auditLog: parseBool(process.env.AUDIT_LOG_ENABLED, false),
  maxUploads: parseNumber(process.env.MAX_UPLOADS, 20),
  ignoreIps: process.env.IGNORE_IPS,
  clientIpHeader: process.env.CLIENT_IP_HEADER,
};
