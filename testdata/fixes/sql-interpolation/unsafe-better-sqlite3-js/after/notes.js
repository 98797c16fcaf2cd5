const Database = require('better-sqlite3');

const db = new Database('notes.db');

function noteById(req, res) {
  const note = db.prepare(`SELECT * FROM notes WHERE id = ?`).get(req.params.id);
  res.json(note);
}

function notesOf(req, res) {
  const rows = db.prepare(`SELECT * FROM notes WHERE owner = ? AND tag = ?`).all(req.user.id, req.query.tag);
  res.json(rows);
}

module.exports = { noteById, notesOf };
