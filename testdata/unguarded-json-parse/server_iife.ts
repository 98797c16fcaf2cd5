// A server module wrapped in a function called at once, with no browser global at its top
// level, is still server code: its websocket messages come from clients.
(() => {
  const { WebSocketServer } = require("ws");
  const server = new WebSocketServer({ port: 8080 });

  server.on("connection", (socket: any) => {
    socket.on("message", (raw: Buffer) => {
      const data = JSON.parse(raw.toString()); // expect: unguarded-json-parse
      socket.send(JSON.stringify({ echo: data }));
    });
  });
})();
