const Database = require('better-sqlite3');

const db = new Database('notes.db');

function noteById(req, res) {
  const note = db.prepare(`SELECT * FROM notes WHERE id = ${req.params.id}`).get();
  res.json(note);
}

function notesOf(req, res) {
  const rows = db.prepare(`SELECT * FROM notes WHERE owner = ? AND tag = '${req.query.tag}'`).all(req.user.id);
  res.json(rows);
}

module.exports = { noteById, notesOf };
