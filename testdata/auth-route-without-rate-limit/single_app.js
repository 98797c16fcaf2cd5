const express = require('express');

const app = express();
app.use(express.json());

app.post('/api/signin', (req, res) => res.json(signIn(req.body))); // expect: auth-route-without-rate-limit
app.post('/api/otp', (req, res) => res.json(checkOtp(req.body))); // expect: auth-route-without-rate-limit
app.post('/api/comments', (req, res) => res.status(201).end());

app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));

app.listen(3000);
