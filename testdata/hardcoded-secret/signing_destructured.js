const jwt = require('jsonwebtoken');

// expect: hardcoded-secret
const { JWT_SECRET = 'local-dev-secret', PORT = 3000 } = process.env;

function issue(user) {
  return jwt.sign({ sub: user.id }, JWT_SECRET);
}

module.exports = { issue, PORT };
