// Loaded by the server: this fallback signs its tokens.
if (!process.env.JWT_SECRET) {
  process.env.JWT_SECRET = 'securekey'; // expect: hardcoded-secret
}

module.exports = { secret: process.env.JWT_SECRET };
