const expressWs = require('express-ws');

module.exports = function attachSockets(app) {
  expressWs(app);
  app.ws('/live', (ws) => {
    ws.on('message', (msg) => ws.send(msg));
  });
};
