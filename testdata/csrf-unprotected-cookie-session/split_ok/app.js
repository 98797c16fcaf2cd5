const express = require('express');
const session = require('express-session');
const accountRoutes = require('./routes/account');
const { protect } = require('./middleware/tokens');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: settings.sessionSecret, resave: false, saveUninitialized: false }));
app.use('/account', protect, accountRoutes);
app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
