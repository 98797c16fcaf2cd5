const express = require('express');
const session = require('express-session');
const csrf = require('csurf');
const cookieParser = require('cookie-parser');

const app = express();

app.use(cookieParser());
app.use(session({ secret: settings.sessionSecret, resave: false, saveUninitialized: false }));
app.use(csrf({ cookie: true }));

app.get('/api/csrf-token', (req, res) => {
  res.json({ csrfToken: req.csrfToken() });
});

app.post('/api/users', (req, res) => {
  res.json({ message: 'User created' });
});

app.use((err, req, res, next) => {
  if (err.code === 'EBADCSRFTOKEN') {
    return res.status(403).json({ error: 'Forbidden', message: 'Invalid CSRF token' });
  }
  next(err);
});

app.listen(3000);
