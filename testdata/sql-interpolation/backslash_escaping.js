const pool = require('./pool');

async function copyNote(id) {
  const [row] = await pool.query('SELECT body FROM notes WHERE id = ?', [id]);
  // Doubled quotes: quiet.
  const body = String(row.body).replace(/'/g, "''");
  await pool.query(`INSERT INTO notes_copy (body) VALUES ('${body}')`);
}

async function archiveNote(id) {
  const [row] = await pool.query('SELECT body FROM notes WHERE id = ?', [id]);
  const body = String(row.body).replace(/'/g, "\\'");
  await pool.query(`INSERT INTO notes_archive (body) VALUES ('${body}')`); // expect: sql-interpolation
}

module.exports = { copyNote, archiveNote };
