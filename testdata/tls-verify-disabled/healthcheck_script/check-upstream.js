// Any other script that switches verification off for its whole process: reported.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-verify-disabled

const https = require('https');

https.get(process.env.UPSTREAM_URL, (res) => console.log(res.statusCode));
