const Database = require('better-sqlite3');

const db = new Database('app.db');

function markSeen(userIds) {
  // The application's own database file: still one statement per user.
  for (const id of userIds) {
    db.run('UPDATE users SET seen = 1 WHERE id = ?', [id]); // expect: n-plus-one-query
  }
}

module.exports = { markSeen };
