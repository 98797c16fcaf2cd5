// Kept whole as a setting, with no default and no check: nothing says the app needs it.
const relayUrl = process.env.RELAY_URL;

// Used as a connection string with no default: the app needs it.
const { Pool } = require('pg');
const pool = new Pool({ connectionString: process.env.REPORTS_DATABASE_URL }); // expect: env-var-undeclared, env-var-unchecked

module.exports = { relayUrl, pool };
