const express = require('express');
const path = require('path');

const app = express();

// Any file under public/ is served, healthz included.
app.use(express.static(path.join(__dirname, 'public')));
app.get('/api/items', (req, res) => res.json([]));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
