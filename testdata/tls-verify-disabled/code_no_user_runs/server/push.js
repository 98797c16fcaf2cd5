// The app's own module: reported.
const https = require('https');

// expect: tls-verify-disabled@error
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

module.exports = { insecureAgent };
