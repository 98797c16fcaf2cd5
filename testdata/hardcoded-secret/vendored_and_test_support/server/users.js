module.exports = { admin: { email: 'admin@shop.dev', password: 'k4l1m3r0' } }; // expect: hardcoded-secret
const mode = { token: null, secret: 'k4l1m3r0x9' }; // expect: hardcoded-secret
module.exports.mode = mode;
