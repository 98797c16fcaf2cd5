const http = require('http');
const { Server } = require('socket.io');

const httpServer = http.createServer();

// A literal `*` is answered as `*`: browsers send no cookies with it.
const io = new Server(httpServer, {
  cors: { origin: '*', methods: ['GET', 'POST'], credentials: true },
});

io.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token) return next();
  return next(new Error('unauthorized'));
});

module.exports = { io };
