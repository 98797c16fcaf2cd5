const express = require('express');
const cookieSession = require('cookie-session');
const passport = require('passport');

// The session carries only the OAuth sign-in's state; requests authenticate with a bearer token.
const app = express();
app.use(cookieSession({ keys: [settings.sessionKey] }));
app.use(passport.initialize());
app.post('/api/links', passport.authenticate('jwt', { session: false }), (req, res) => res.status(201).json(createLink(req.body)));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(3000);
