// `next ? next(err) : res.json(err)`: Express always passes `next`, so the error goes to
// its error handler and the fallback answer never runs. An answer that does not depend on
// `next` being present still sends the error.
const express = require('express');
const passport = require('passport');

const app = express();

app.post('/login', (req, res, next) => {
  passport.authenticate('local', (err, user) => {
    if (err || !user) {
      return next ? next(err) : res.status(401).json(err);
    }
    req.login(user, (loginError) => {
      if (loginError) {
        if (next) {
          next(loginError);
        } else {
          res.status(500).json(loginError);
        }
        return;
      }
      res.json({ ok: true });
    });
  })(req, res, next);
});

app.post('/signup', (req, res, next) => {
  passport.authenticate('signup', (err, user) => {
    if (err) {
      return user ? next(err) : res.status(500).json(err); // expect: error-details-leak
    }
    return res.json({ id: user.id });
  })(req, res, next);
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = app;
