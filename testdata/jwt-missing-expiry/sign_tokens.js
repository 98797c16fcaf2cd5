const jwt = require('jsonwebtoken');
const config = require('./config');

function accessToken(user) {
  return jwt.sign({ userId: user.id, role: user.role }, config.JWT_SECRET); // expect: jwt-missing-expiry
}

function inviteToken(invite) {
  const claims = { inviteId: invite.id };
  return jwt.sign(claims, config.INVITE_SECRET, { algorithm: 'HS256' }); // expect: jwt-missing-expiry
}

function callbackStyle(user, done) {
  jwt.sign({ sub: user.id }, config.JWT_SECRET, (err, token) => done(err, token)); // expect: jwt-missing-expiry
}

module.exports = { accessToken, inviteToken, callbackStyle };

// The same claims handed to the user, not sent by the process itself: reported.
function partnerToken(res, key, secret) {
  res.json({ token: jwt.sign({ iss: key }, secret) }); // expect: jwt-missing-expiry
}
