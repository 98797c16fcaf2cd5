const http = require('http');

// A mock webhook receiver for the tests: a bad body fails the test that sent it.
module.exports = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    received.push(JSON.parse(body));
    res.end();
  });
});
