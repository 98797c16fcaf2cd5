// Served code: even a local URL is what the deployed app connects with.
const { Client } = require('pg');

module.exports = new Client({ connectionString: 'postgres://app:dump-pass@localhost/app' }); // expect: hardcoded-secret
