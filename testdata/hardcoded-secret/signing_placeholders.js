const jwt = require('jsonwebtoken');
const session = require('express-session');

// Tokens and cookies are signed with whatever is written here, a placeholder too.
app.use(session({ secret: 'keyboard cat', resave: false })); // expect: hardcoded-secret

app.use(session({ secret: process.env.SESSION_SECRET || 'dev-session' })); // expect: hardcoded-secret

function issue(user) {
  return jwt.sign({ sub: user.id }, 'changeme'); // expect: hardcoded-secret
}

// expect: hardcoded-secret
const JWT_SECRET = 'your-jwt-secret';
function check(token) {
  return jwt.verify(token, JWT_SECRET);
}

// A fallback for a missing variable signs tokens in any deployment that forgets it.
// expect: hardcoded-secret
const TOKEN_KEY = process.env.TOKEN_KEY || 'local-signing-key';
function issueLocal(user) {
  return jwt.sign({ sub: user.id }, TOKEN_KEY);
}

function checkLocal(token) {
  return jwt.verify(token, process.env.VERIFY_KEY ?? 'dev-verify-key'); // expect: hardcoded-secret
}

module.exports = { issue, check, issueLocal, checkLocal };
