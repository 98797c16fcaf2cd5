const express = require('express');
const settings = require('./settings');

const app = express();

// The probe path comes from configuration this code does not spell.
app.get(settings.healthPath, (req, res) => res.json({ status: 'ok' }));
app.get('/api/items', (req, res) => res.json([]));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
