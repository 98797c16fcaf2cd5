const jwt = require('jsonwebtoken');

// The options get their lifetime in the function around the callback that signs: quiet.
function issueKey(secret, keyId, expiresIn) {
  const options = {};
  if (expiresIn > 0) {
    options.expiresIn = expiresIn;
  }
  return new Promise((resolve) => {
    jwt.sign({ keyId }, secret, options, (err, token) => resolve(token));
  });
}

// Options that never get one, in the same shape: reported.
function issueForever(secret, keyId) {
  const options = { algorithm: 'HS256' };
  return new Promise((resolve) => {
    jwt.sign({ keyId }, secret, options, (err, token) => resolve(token)); // expect: jwt-missing-expiry
  });
}

module.exports = { issueKey, issueForever };
