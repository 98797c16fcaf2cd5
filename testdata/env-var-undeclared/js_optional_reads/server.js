const path = require('path');

const port = process.env.PORT;
// Optional chaining: the code expects the variable to be missing.
const driver = process.env.DB_DRIVER?.toLowerCase() ?? 'sqlite';
// A method of the environment object, not a variable named hasOwnProperty.
const inCi = process.env.hasOwnProperty('CI');
// Set by Windows itself.
const chrome = path.join(process.env.PROGRAMFILES, 'Google', 'Chrome');
// A fallback assigned on the next statement.
let poolSize = parseInt(process.env.POOL_SIZE);
if (!process.env.POOL_SIZE) {
  poolSize = 5;
}
// Read only when another variable switches the feature on, or only tested.
const db = {};
if (process.env.DB_TYPE) {
  db.type = process.env.DB_TYPE;
  db.host = process.env.DB_HOSTNAME;
}
const hasCa = !_.isEmpty(process.env.DB_SSL_CA);
// A choice of environment is no feature switch: production needs it.
if (process.env.NODE_ENV === 'production') {
  db.replica = process.env.DB_REPLICA_HOST; // expect: env-var-undeclared
}
// Nothing makes this one optional.
const region = process.env.BUCKET_REGION; // expect: env-var-undeclared

module.exports = { port, driver, inCi, chrome, poolSize, db, hasCa, region };
