const jwt = require('jsonwebtoken');

const { jwtSecret: secret } = require('./config');

function requireUser(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, secret); // expect: jwt-weak-verification
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function checkRefresh(token, done) {
  jwt.verify(token, secret, (err, claims) => done(err, claims)); // expect: jwt-weak-verification
}

function checkWithAge(token) {
  return jwt.verify(token, secret, { maxAge: '1h' }); // expect: jwt-weak-verification
}

// Restricted: jsonwebtoken 8 then checks the header against the list.
function checkPinned(token) {
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

// Options built elsewhere cannot be read here.
function checkWith(token, options) {
  return jwt.verify(token, secret, options);
}

// Signing is not verifying.
function issue(user) {
  return jwt.sign({ sub: user.id }, secret, { expiresIn: '15m' });
}

module.exports = { requireUser, checkRefresh, checkWithAge, checkPinned, checkWith, issue };
