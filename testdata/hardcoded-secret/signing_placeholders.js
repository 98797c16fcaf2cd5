const jwt = require('jsonwebtoken');
const session = require('express-session');

// Tokens and cookies are signed with whatever is written here, a placeholder too.
app.use(session({ secret: 'keyboard cat', resave: false })); // expect: hardcoded-secret

function issue(user) {
  return jwt.sign({ sub: user.id }, 'changeme'); // expect: hardcoded-secret
}

// expect: hardcoded-secret
const JWT_SECRET = 'your-jwt-secret';
function check(token) {
  return jwt.verify(token, JWT_SECRET);
}

module.exports = { issue, check };
