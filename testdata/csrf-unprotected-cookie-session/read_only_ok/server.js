const express = require('express');
const session = require('express-session');

// A session that only remembers display preferences; nothing changes state.
const app = express();
app.use(session({ secret: settings.sessionSecret, resave: false, saveUninitialized: true }));
app.get('/', (req, res) => res.render('home', { theme: req.session.theme }));
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(3000);
