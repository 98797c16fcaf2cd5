const http = require('http');
const express = require('express');

const app = express();

app.get('/api/profile/:id', (req, res, next) => {
  const upstream = http.get(`http://profiles.internal/users/${req.params.id}`, (reply) => {
    reply.pipe(res);
  });
  upstream.on('error', next);
});

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
http.createServer(app).listen(8080); // expect: server-timeout-missing
