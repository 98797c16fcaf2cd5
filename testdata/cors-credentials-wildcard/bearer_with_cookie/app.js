const express = require('express');
const cors = require('cors');
const { requireToken } = require('./auth');
const { remember } = require('./remember');

const app = express();

app.use(cors({ origin: '*', credentials: true, allowedHeaders: ['Authorization', 'Content-Type'] })); // expect: cors-credentials-wildcard
app.use(express.json());
app.get('/api/profile', requireToken, (req, res) => res.json(req.user));
app.post('/api/remember', requireToken, remember);

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal' });
});

app.listen(3000);
