const express = require('express');
const { lookup } = require('./checks');

const app = express();

app.get('/api/items', (req, res) => res.json([]));
app.get('/api/checks/:name', (req, res, next) => {
  lookup(req.params.name)
    .then((result) => res.json(result))
    .catch(next);
});
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
