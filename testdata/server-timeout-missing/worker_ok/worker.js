const axios = require('axios');
const http = require('http');

// A worker: it calls an upstream on a schedule and serves no route, only a liveness port.
async function syncOnce() {
  const { data } = await axios.get('https://feed.example.com/items');
  return data.length;
}

setInterval(() => syncOnce().catch(console.error), 60000);

http.createServer((req, res) => res.end('ok')).listen(8080);
