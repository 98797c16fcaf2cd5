import Database from 'better-sqlite3';

const db = new Database('app.db');

export function markSeen(userIds: number[]) {
  // The application's own database file: still one statement per user.
  for (const id of userIds) {
    db.run('UPDATE users SET seen = 1 WHERE id = ?', [id]); // expect: n-plus-one-query
  }
}


