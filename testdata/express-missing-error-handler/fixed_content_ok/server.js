// A landing server: static files and fixed answers. Nothing in it passes an error on,
// so Express's default handler is never reached with details.
const express = require('express');
const http = require('http');

const app = express();
const server = http.createServer(app);

app.use(express.static('public'));

app.get('/', (req, res) => {
  res.send('Board sync server is running');
});

app.get('/healthz', function (req, res) {
  res.status(200).json({ status: 'ok' });
});

server.listen(process.env.PORT || 8080);
