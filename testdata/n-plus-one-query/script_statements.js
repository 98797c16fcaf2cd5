const { sql } = require('drizzle-orm');
const { db } = require('./db');

async function runScript(statements) {
  // Each statement of the script is run in turn.
  for (const statement of statements) {
    await db.execute(sql.raw(statement));
  }
}

async function touchUsers(userIds) {
  for (const id of userIds) {
    await db.execute(sql`UPDATE users SET seen = 1 WHERE id = ${id}`); // expect: n-plus-one-query
  }
}

module.exports = { runScript, touchUsers };
