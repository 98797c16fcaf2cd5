// Checked at startup by this package's own config module.
require('./config');
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.get('/', (req, res) => res.send('ok'));
app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});
app.listen(4000);
