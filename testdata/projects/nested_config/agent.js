const https = require('https');

// expect: tls-verify-disabled@warning
module.exports = new https.Agent({ rejectUnauthorized: false });
