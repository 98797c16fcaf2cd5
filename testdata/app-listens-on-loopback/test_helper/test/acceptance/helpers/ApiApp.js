const { app } = require('../../../src/app');

let started = null;

function ensureRunning() {
  if (!started) {
    started = new Promise((resolve) => {
      app.listen(4000, '127.0.0.1', resolve);
    });
  }
  return started;
}

module.exports = { ensureRunning };
