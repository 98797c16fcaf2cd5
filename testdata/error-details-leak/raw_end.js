// Node's `res.end()` / `res.write()` take a string or a buffer: handed the error object
// itself they throw and send none of its text. Its message or stack is still sent.
const http = require('http');
const registry = require('./metrics');

const server = http.createServer((req, res) => {
  registry
    .render()
    .then((text) => res.end(text))
    .catch((err) => {
      res.statusCode = 500;
      res.end(err);
    });
});

function describe(req, res) {
  registry.render().catch((err) => {
    res.statusCode = 500;
    res.end(err.message); // expect: error-details-leak
  });
}

function trace(req, res) {
  try {
    res.write(registry.renderSync());
  } catch (failure) {
    res.write(failure.stack); // expect: error-details-leak
  }
}

module.exports = { server, describe, trace };
