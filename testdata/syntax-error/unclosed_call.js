const express = require('express');

const app = express();

app.get('/users/:id', async (req, res) => { // expect: syntax-error
  const settings = JSON.parse(req.query.settings); // expect: unguarded-json-parse
  res.json({ id: req.params.id, settings });
;

app.listen(3000);
