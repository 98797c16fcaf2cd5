// The server of the same monorepo depends on Vue too (it renders pages), but it serves
// requests: its parses are checked.
import express from "express"

export const notes = express.Router()

notes.post("/notes/:id", express.text(), (req, res) => {
  const body = JSON.parse(req.body) // expect: unguarded-json-parse
  res.json({ id: req.params.id, body })
})
