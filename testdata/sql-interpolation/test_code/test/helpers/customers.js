// A helper under test/ that uses no test framework is checked like any other file: app
// code may import it.
const { pool } = require('../../src/db');

async function seedCustomer(name) {
  // expect: sql-interpolation
  await pool.query(`INSERT INTO customers (name) VALUES ('${name}')`);
}

module.exports = { seedCustomer };
