const express = require('express');
const jwt = require('jsonwebtoken');
const passport = require('passport');
const config = require('./config');

const app = express.Router();

app.delete('/grants/:id', async (req, res, next) => {
  try {
  await trySafe(
    async () => {
      await removeGrant(req.params.id);
    },
    (error) => {
      throw new Error(`cleanup failed: ${error.message}`);
    }
  );
  res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

app.get('/me', (req, res, next) => {
  passport.authenticate('jwt', (err, user) => {
    if (err) return next(err);
    if (!user) {
      throw new Error('unauthorised');
    }
    res.json(user);
  })(req, res, next);
});

app.get('/token', (req, res) => {
  jwt.verify(req.query.token, config.jwtSecret, (err, payload) => {
    if (err) {
      throw err;
    }
    res.json(payload);
  });
});

module.exports = app;
