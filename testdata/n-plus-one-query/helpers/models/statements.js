const db = require('../db');

// Runs whatever statement it is given: the caller's statement decides.
async function runStatement(sql, params) {
  return db.query(sql, params);
}

async function findTag(id) {
  return db.query('SELECT * FROM tags WHERE id = $1', [id]);
}

// `findTag` here is the callback given, not the module's function.
async function visitAll(rows, findTag) {
  for (const row of rows) {
    await findTag(row.id);
  }
}

async function applyMigrations(statements) {
  for (const statement of statements) {
    await runStatement(statement.sql, []);
  }
}

module.exports = { runStatement, findTag, visitAll, applyMigrations };
