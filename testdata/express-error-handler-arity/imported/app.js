const express = require('express');
const app = express();

app.get('/', (req, res) => res.send('ok'));
app.use(require('./errorHandler'));

module.exports = app;
