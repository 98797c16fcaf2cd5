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

module.exports = { issue, form };
