const express = require('express');
const { WebServer } = require('./web-server');

const server = new WebServer();
const app = server.app;

app.use(express.json());
app.post('/api/monitors', (req, res) => {
  res.json({ created: req.body.name });
});

server.httpServer.listen(3001);
