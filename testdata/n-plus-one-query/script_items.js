// The statements of a script, each read from the loop's item (a field of it, trimmed): each
// iteration runs a different statement, not a lookup of rows. A statement written in the
// code with the item as its value is a lookup per row.
const mysql = require('mysql2/promise');
const pool = mysql.createPool({ connectionLimit: 10 });

async function runMigration(steps) {
  for (const step of steps) {
    let statement = step.sql;
    statement = statement.trim();
    await pool.query(statement);
  }
}

async function runPairs(statements) {
  for (const pair of statements) {
    await pool.execute(pair[0], pair[1]);
  }
}

async function touch(users) {
  for (const user of users) {
    const statement = 'UPDATE users SET seen = 1 WHERE id = ?';
    await pool.execute(statement, [user.id]); // expect: n-plus-one-query
  }
}

module.exports = { runMigration, runPairs, touch };
