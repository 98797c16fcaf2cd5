const http = require('http');

let host = '127.0.0.1';
if (process.env.IN_DOCKER) {
  host = '0.0.0.0';
}
const server = http.createServer((req, res) => res.end('ok'));
server.listen(3000, host);
