const jwt = require('jsonwebtoken');

function issue(userId, signingKey) {
  return jwt.sign({ sub: userId }, signingKey); // expect: jwt-missing-expiry
}

module.exports = { issue };
