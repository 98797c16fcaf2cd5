// The API checks nothing at startup: the worker's check of the same name, in another
// package, does not run when the API starts.
const jwt = require('jsonwebtoken');

function issue(user) {
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }); // expect: env-var-unchecked
}

module.exports = { issue };
