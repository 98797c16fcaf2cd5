import Database from 'better-sqlite3';

export function loadResults(rows: { a: number; b: number }[]) {
  // A scratch database in memory: each statement is a call within the process.
  const db = new Database(':memory:');
  db.exec('CREATE TABLE results (a, b)');
  for (const row of rows) {
    db.run('INSERT INTO results VALUES (?, ?)', [row.a, row.b]);
  }
  return db;
}


