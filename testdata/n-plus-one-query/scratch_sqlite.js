const Database = require('better-sqlite3');

function loadResults(rows) {
  // A scratch database in memory: each statement is a call within the process.
  const db = new Database(':memory:');
  db.exec('CREATE TABLE results (a, b)');
  for (const row of rows) {
    db.run('INSERT INTO results VALUES (?, ?)', [row.a, row.b]);
  }
  return db;
}

module.exports = { loadResults };
