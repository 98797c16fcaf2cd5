// A container health check probing the application's own server on the local host: quiet.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const https = require('https');

https.get({ host: 'localhost', port: process.env.PORT || 3001, path: '/health' }, (res) => {
  process.exit(res.statusCode === 200 ? 0 : 1);
}).on('error', () => process.exit(1));
