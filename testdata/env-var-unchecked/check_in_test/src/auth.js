const jwt = require('jsonwebtoken');

// expect: env-var-unchecked
exports.sign = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
