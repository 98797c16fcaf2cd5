const express = require('express');
const health = require('./routes/health');

const app = express();

app.use('/api/v1', health);
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
