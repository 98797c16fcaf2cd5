const http = require('http');

const server = http.createServer((req, res) => res.end('ok'));
// expect: app-listens-on-loopback
server.listen(3000, process.env.HOST || '0.0.0.0');
