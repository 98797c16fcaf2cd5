const http = require('http');
const { Server } = require('socket.io');

const httpServer = http.createServer();

const io = new Server(httpServer, {
  cors: { origin: true, credentials: true }, // expect: cors-credentials-wildcard
});

io.on('connection', (socket) => {
  socket.emit('hello', socket.request.headers.cookie ? 'signed-in' : 'anonymous');
});

module.exports = { io };
