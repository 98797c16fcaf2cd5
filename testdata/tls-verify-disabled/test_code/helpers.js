// A helper under the test paths that uses no test framework is still checked: it may be
// copied into served code.
const https = require('https');

module.exports.agent = new https.Agent({ rejectUnauthorized: false }); // expect: tls-verify-disabled
