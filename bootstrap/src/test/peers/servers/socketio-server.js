// socket.io with the websocket transport only: no polling to fall back on, so the socket works through the proxy or
// not at all. On connect it emits a greeting at once; "echo" events are acknowledged with their argument.
const http = require('http');
const { Server } = require('socket.io');
const ready = require('./ready');

const name = process.env.NAME;
const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], cors: { origin: true } });
io.on('connection', (socket) => {
  socket.emit('greeting', `hello from ${name}`);
  socket.on('echo', (value, ack) => ack(value));
  socket.on('bye', () => socket.disconnect(true));
});
server.listen(0, '127.0.0.1', () => ready(server));
