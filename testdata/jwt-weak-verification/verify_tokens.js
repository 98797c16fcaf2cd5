const fs = require('fs');
const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const issuerPublicKey = fs.readFileSync('/etc/keys/issuer.pub');

function checkToken(token) {
  return jwt.verify(token, issuerPublicKey); // expect: jwt-weak-verification
}

function checkWithCert(token) {
  return jwt.verify(token, fs.readFileSync('certs/signing.pem'), { issuer: 'accounts' }); // expect: jwt-weak-verification
}

function requireAdmin(req, res, next) {
  const payload = jwt.decode(req.headers.authorization.slice(7)); // expect: jwt-weak-verification
  if (payload.role !== 'admin') {
    return res.status(403).end();
  }
  req.userId = payload.sub;
  return next();
}

module.exports = { checkToken, checkWithCert, requireAdmin, jwksClient };

// The same claims from the request's own token: reported.
function userFromCookie(req) {
  const payload = jwt.decode(req.cookies.jwt); // expect: jwt-weak-verification
  return payload.id;
}

module.exports.userFromCookie = userFromCookie;
