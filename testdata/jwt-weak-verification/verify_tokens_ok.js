const fs = require('fs');
const jwt = require('jsonwebtoken');
const config = require('./config');

const issuerPublicKey = fs.readFileSync('/etc/keys/issuer.pub');

function checkToken(token) {
  return jwt.verify(token, issuerPublicKey, { algorithms: ['RS256'] });
}

// A shared secret (the seed's refresh-token check, reworded).
function checkRefresh(token) {
  const claims = jwt.verify(token, config.refreshSecret);
  return claims.accountId;
}

// A peek at the header to pick the key, then a real verification.
function verifyWithKid(token, keys) {
  const decoded = jwt.decode(token, { complete: true });
  const key = keys[decoded.header.kid];
  const claims = jwt.verify(token, key, { algorithms: ['RS256'] });
  return claims.sub;
}

// Decoded only to tell when it expires.
function expiresAt(token) {
  const decoded = jwt.decode(token);
  return new Date(decoded.exp * 1000);
}

function optionsFromCaller(token, options) {
  return jwt.verify(token, issuerPublicKey, options);
}

// A look-alike: a verify method of a different object.
function checkSignature(signer, data, signature) {
  return signer.verify(data, signature);
}

module.exports = { checkToken, checkRefresh, verifyWithKid, expiresAt, optionsFromCaller, checkSignature };

// The ID token came straight from the provider's token endpoint (OpenID Connect code flow).
function profileFromProvider(params, done) {
  const profile = jwt.decode(params.id_token);
  done(null, { id: profile.sub, email: profile.email });
}

// The request is authenticated by passport first; the claims only name the user to renew.
function renew(req, res, next, passport) {
  passport.authenticate('jwt', { session: false })(req, res, () => {
    const payload = jwt.decode(req.cookies.jwt);
    req.renewFor = payload.id;
    next();
  });
}

module.exports.profileFromProvider = profileFromProvider;
module.exports.renew = renew;
