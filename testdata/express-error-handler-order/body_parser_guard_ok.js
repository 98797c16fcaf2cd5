const express = require('express');
const app = express();

app.use(express.json());

// Malformed JSON bodies get a 400 before any route runs.
app.use((err, req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: 'Malformed JSON' });
  }
  next(err);
});

app.get('/users', (req, res) => {
  res.json([]);
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

app.listen(3000);
