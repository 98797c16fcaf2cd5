const http = require('http');

const server = http.createServer((req, res) => res.end('ok'));
// expect: app-listens-on-loopback
server
  .listen (3000, '127.0.0.1');
