const jwt = require('jsonwebtoken');

const secret = process.env.JWT_SECRET;
if (!secret) {
  console.error('JWT_SECRET is required');
  process.exit(1);
}

exports.sign = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
