const http = require('http');

const PORT = 3005;
const HOST = '127.0.0.1';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ queued: true }));
});

server.listen(PORT, HOST, () => console.log(`gateway on ${HOST}:${PORT}`));
