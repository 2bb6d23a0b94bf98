// A CONNECT-to-TLS shim for h2load, which cannot send CONNECT: it listens on 127.0.0.1, and for every accepted
// connection opens one to the target, optionally sends `CONNECT <authority>` and waits for the 200, then relays
// bytes both ways untouched (the TLS handshake and everything after it pass through). It runs in its own process, so
// the daemon's CPU per request (/proc/<pid>/stat) does not include it; the same shim in plain mode sits in front of
// nginx too, so both systems pay the same extra hop.
//
//   node bench/connect-shim.js TARGET_PORT [CONNECT_AUTHORITY]     -> prints LISTENING:<port>
//   e.g. node bench/connect-shim.js 9090 bench:443   (localhome)   node bench/connect-shim.js 8443   (nginx, plain)
'use strict';
const net = require('net');
const targetPort = Number(process.argv[2]);
const authority = process.argv[3] || '';

const server = net.createServer((client) => {
  client.setNoDelay(true);
  client.pause();
  const upstream = net.connect(targetPort, '127.0.0.1');
  upstream.setNoDelay(true);
  const fail = () => { client.destroy(); upstream.destroy(); };
  client.on('error', fail);
  upstream.on('error', fail);
  const relay = (early) => {
    if (early && early.length) client.write(early);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  if (!authority) { upstream.on('connect', () => relay(null)); return; }
  upstream.on('connect', () => upstream.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
  let head = Buffer.alloc(0);
  const onHead = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) { if (head.length > 8192) fail(); return; }
    upstream.removeListener('data', onHead);
    if (!/^HTTP\/1\.[01] 200/.test(head.toString('latin1', 0, 12))) { fail(); return; }
    upstream.pause();
    relay(head.subarray(end + 4));
  };
  upstream.on('data', onHead);
});
server.listen(0, '127.0.0.1', () => console.log('LISTENING:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
