const jwt = require('jsonwebtoken');
const session = require('express-session');

const config = require('./config');

// Values that are not literals.
app.use(session({ secret: config.sessionSecret, resave: false }));
app.use(session({ secret: `${config.sessionSecret}` }));

function issue(user) {
  return jwt.sign({ sub: user.id }, config.jwtSecret);
}

// Other options named `secret` that are not a session middleware's.
const form = renderField({ secret: 'keyboard cat' });

// Fallbacks that sign nothing, or that are not literals.
const LOG_LEVEL = process.env.LOG_LEVEL || 'info';
app.use(session({ secret: process.env.SESSION_SECRET || config.sessionSecret }));
const theme = renderField({ secret: process.env.THEME || 'dark' });
function issueWithConfig(user) {
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET || config.jwtSecret);
}

module.exports = { issue, form, LOG_LEVEL, issueWithConfig };
