const express = require('express');
const session = require('express-session');

const app = express();
app.use(
  session({
    secret: settings.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'strict' },
  }),
);
app.post('/transfer', (req, res) => res.json(transfer(req.session.userId, req.body)));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(3000);
