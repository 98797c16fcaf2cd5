const http = require('http');

// Used by the local dev script only.
const host = '127.0.0.1';
console.log(`dev host ${host}`);

function start(host) {
  const server = http.createServer((req, res) => res.end('ok'));
  server.listen(3000, host);
}

start(process.env.BIND_ADDRESS || '0.0.0.0');
