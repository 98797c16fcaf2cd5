const http = require('http');
const fs = require('fs');
const path = require('path');

const server = http.createServer((req, res) => {
  const file = path.join(__dirname, 'index.html');
  res.writeHead(200, { 'content-type': 'text/html' });
  fs.createReadStream(file).pipe(res);
});

server.listen(3000, '127.0.0.1', () => console.log('preview on http://localhost:3000'));
