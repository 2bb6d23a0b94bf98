// Minimal keep-alive HTTP backend for the benchmarks: answers every request with a fixed 5-byte body.
// Start it as `NAME=bench node bench/backend.js <port>` so localhome discovers it (NAME in /proc/<pid>/environ).
'use strict';
const http = require('http');
const port = Number(process.argv[2] || 0);
const body = Buffer.from('hello');
// GET /__connections answers how many connections served any other request (bench/tunnels/pool.sh)
let connections = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/__connections') {
    res.end(String(connections));
    return;
  }
  if (!req.socket.counted) {
    req.socket.counted = true;
    connections++;
  }
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;
server.listen(port, '127.0.0.1', () => {
  console.log('LISTENING:' + server.address().port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
