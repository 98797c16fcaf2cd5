const Database = require('better-sqlite3');

const db = new Database('notes.db');

function deleteNote(req, res) {
  db.exec(`DELETE FROM notes WHERE id = ${req.params.id}`);
  res.sendStatus(204);
}

function archive(req, res) {
  const statement = db.prepare(`UPDATE notes SET archived = 1 WHERE id = ${req.params.id}`);
  statement.run();
  res.sendStatus(204);
}

module.exports = { deleteNote, archive };
