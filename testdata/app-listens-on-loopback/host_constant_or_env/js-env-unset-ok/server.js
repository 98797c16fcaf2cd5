const http = require('http');

const server = http.createServer((req, res) => res.end('ok'));
server.listen(3000, process.env.HOST || '0.0.0.0');
