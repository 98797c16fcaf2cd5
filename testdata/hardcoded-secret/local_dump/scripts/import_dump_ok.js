// Imports a dump from the database the operator started on this machine.
const { Client } = require('pg');

module.exports = new Client({ connectionString: 'postgres://dump:dump-pass@localhost:5432/dump' });
