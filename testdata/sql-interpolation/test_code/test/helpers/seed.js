// A helper under test/ that uses no test framework is checked like any other file: it may
// well be imported by a seeding script that runs against a shared database.
const { pool } = require('../../src/db');

async function seedCustomer(name) {
  // expect: sql-interpolation
  await pool.query(`INSERT INTO customers (name) VALUES ('${name}')`);
}

module.exports = { seedCustomer };
