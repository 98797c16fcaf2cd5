const express = require('express');
const { lookup } = require('./checks');

const app = express();

app.get('/api/items', (req, res) => res.json([]));
app.get('/api/items/:id', (req, res, next) => {
  lookup(req.params.id)
    .then((item) => res.json(item))
    .catch(next);
});
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
