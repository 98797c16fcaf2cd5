const jwt = require('jsonwebtoken');
const config = require('./config');

// This package declares jsonwebtoken 9 itself.
function verify(token) {
  return jwt.verify(token, config.jwtSecret);
}

module.exports = { verify };
