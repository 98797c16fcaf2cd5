const http = require('http');

const HOST = process.env.HOST || '127.0.0.1';
const server = http.createServer((req, res) => res.end('ok'));
// expect: app-listens-on-loopback
server.listen(3000, HOST);
