const express = require('express');

const app = express();

app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/items', (req, res) => res.json([]));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
