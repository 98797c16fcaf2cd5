const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.use((err, req, res, next) => res.status(500).json({ error: 'Internal Server Error' }));
app.listen(3000, '0.0.0.0');
