// A server module wrapped in a function called at once, with no browser global at its top
// level, is still server code: its websocket messages come from clients.
(function () {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ port: 8080 });

  server.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const data = JSON.parse(raw); // expect: unguarded-json-parse
      socket.send(JSON.stringify({ echo: data }));
    });
  });
})();
