const jwt = require('jsonwebtoken');
const config = require('./config');
const crypto = require('crypto');

// Access and refresh tokens, each with a lifetime (the seed's own helper, reworded).
function makeTokenPair(accountId) {
  const access = jwt.sign({ accountId }, config.ACCESS_KEY, { expiresIn: '10m' });
  const refresh = jwt.sign({ accountId }, config.REFRESH_KEY, { expiresIn: '14d' });
  return { access, refresh };
}

function claimInPayload(user) {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ sub: user.id, exp: now + 900 }, config.JWT_SECRET);
}

function claimSetLater(user) {
  const payload = { sub: user.id };
  payload.exp = Math.floor(Date.now() / 1000) + 600;
  return jwt.sign(payload, config.JWT_SECRET);
}

function optionsFromSettings(payload, settings) {
  // Neither the payload nor the options can be read here.
  return jwt.sign(payload, settings.secret, settings.signOptions);
}

function spreadClaims(base) {
  return jwt.sign({ ...base, scope: 'read' }, config.JWT_SECRET);
}

// Look-alikes: `sign` of something that is not jsonwebtoken.
function signBody(body, privateKey) {
  const signer = crypto.createSign('SHA256');
  signer.update(body);
  return signer.sign(privateKey);
}

class TokenService {
  constructor(jwtService) {
    this.jwtService = jwtService;
  }
  issue(user) {
    return this.jwtService.sign({ sub: user.id });
  }
}

module.exports = { makeTokenPair, claimInPayload, claimSetLater, optionsFromSettings, spreadClaims, signBody, TokenService };

// The app bounds the token's age with claims of its own, checked where it is verified.
function ownLifetimeClaims(user) {
  return {
    session: jwt.sign({ id: user.id, expiresAt: new Date(Date.now() + 3600e3).toISOString() }, user.secret),
    transfer: jwt.sign({ id: user.id, createdAt: new Date().toISOString() }, user.secret),
  };
}

async function callPartner(key, secret) {
  const token = jwt.sign({ iss: key }, secret);
  return fetch('https://partner.example.com/v1/rates', { headers: { Authorization: `Bearer ${token}` } });
}
