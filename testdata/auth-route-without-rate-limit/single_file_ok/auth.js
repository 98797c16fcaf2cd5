const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
app.use(rateLimit({ windowMs: 60 * 1000, limit: 100 }));
app.post('/login', (req, res) => res.json(login(req.body)));
app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));

app.listen(3000);
