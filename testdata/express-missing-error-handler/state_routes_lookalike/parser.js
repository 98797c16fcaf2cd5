// Fixed answers behind a body parser: a malformed body is an error the parser passes on.
const express = require('express');

const parsed = express(); // expect: express-missing-error-handler
parsed.use(express.json());

parsed.post('/state/up', (req, res) => {
  res.sendStatus(204);
});

parsed.listen(3049);
