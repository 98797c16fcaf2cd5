const session = require('express-session');
const mongoose = require('mongoose');
const jwt = require('jsonwebtoken');

// The app loads its committed example file itself, so these always have a value.
process.loadEnvFile('.env.example');

app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
mongoose.connect(process.env.MONGODB_URI);

// Not set by that file: still flagged.
const token = jwt.sign({ sub: 1 }, process.env.API_SIGNING_SECRET); // expect: env-var-unchecked, env-var-undeclared
