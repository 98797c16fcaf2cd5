const express = require('express');
const cors = require('cors');
const { requireToken } = require('./auth');

const app = express();

app.use(cors({ origin: '*', credentials: true, allowedHeaders: ['Authorization', 'Content-Type'] }));
app.use(express.json());
app.get('/api/profile', requireToken, (req, res) => res.json(req.user));

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal' });
});

app.listen(3000);
