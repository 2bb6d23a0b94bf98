// A Node `ws` server as an HMR server is written: it speaks first, from the `connection` handler, so its greeting
// can share a TCP segment with the 101. Text commands drive what the peer suite checks:
//   "big"        -> one 1 MiB binary message, byte i = (i * 31 + 7) % 251
//   "close-4001" -> a close frame with code 4001, reason "bye"
//   "cut"        -> the head of a 64 KiB binary frame and 5 of its bytes, then the TCP connection ends
//   anything else is echoed as it came (text or binary)
const http = require('http');
const { WebSocketServer } = require('ws');
const ready = require('./ready');

const name = process.env.NAME;
const server = http.createServer((req, res) => res.end(`hello from ${name}`));
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 8 * 1024 * 1024 });

const big = Buffer.alloc(1024 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) % 251;

wss.on('connection', (ws, req) => {
  ws.send(`hello from ${name} at ${req.url}`);
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? null : data.toString();
    if (text === 'big') ws.send(big, { binary: true });
    else if (text === 'close-4001') ws.close(4001, 'bye');
    else if (text === 'cut') {
      const head = Buffer.from([0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]); // FIN + binary, 64-bit length 65536
      ws._socket.end(Buffer.concat([head, Buffer.from([1, 2, 3, 4, 5])]));
    } else ws.send(data, { binary: isBinary });
  });
});

server.listen(0, '127.0.0.1', () => ready(server));
