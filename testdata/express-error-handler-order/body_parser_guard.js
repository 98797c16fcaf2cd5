const express = require('express');
const app = express();

app.use(express.json());

app.use((err, req, res, next) => { // expect: express-error-handler-order
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: 'Malformed JSON' });
  }
  next(err);
});

app.get('/users', (req, res) => {
  res.json([]);
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

app.post('/orders', (req, res) => {
  res.status(201).end();
});

app.listen(3000);
