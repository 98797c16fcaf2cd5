// The class creates the app and serves screenshots statically; the entry point reaches the
// same app through `server.app` and registers the API on it.
const express = require('express');
const http = require('http');

class WebServer {
  constructor() {
    this.app = express(); // expect: express-missing-error-handler
    this.httpServer = http.createServer(this.app);
    this.app.use('/screenshots', express.static('data/screenshots'));
  }
}

module.exports = { WebServer };
