const express = require('express');
const app = express();

app.get('/', (req, res) => res.send('ok'));

app.use((err, req, res, next) => { // expect: error-handler-headers-sent@info
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = app;
