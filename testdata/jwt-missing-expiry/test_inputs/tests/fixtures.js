const jwt = require('jsonwebtoken');

const signingKey = 'test-signing-key';

module.exports.sampleToken = jwt.sign({ sub: 'alice', account: '0042' }, signingKey);
