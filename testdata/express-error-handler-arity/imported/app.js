const express = require('express');
const app = express(); // expect: express-missing-error-handler

app.get('/', (req, res) => res.send('ok'));
app.use(require('./errorHandler'));

module.exports = app;
