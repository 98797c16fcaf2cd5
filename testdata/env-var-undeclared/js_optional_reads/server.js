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
// Nothing makes this one optional.
const region = process.env.BUCKET_REGION; // expect: env-var-undeclared

module.exports = { port, driver, inCi, chrome, poolSize, region };
