// A Node `ws` client, for the paths where the client must speak through the proxy the way Node tools do. One JSON
// argument says where and what:
//   url       ws:// or wss:// address
//   via       "direct" (name.localhost resolved to loopback, as browsers do), "absolute" (http-proxy-agent: GET
//             http://name/ to the proxy) or "connect" (https-proxy-agent: CONNECT name:80 or name:443)
//   proxy     the daemon, http://127.0.0.1:<port>
//   ca        PEM file to trust for wss://
//   protocols subprotocols to offer
//   send      messages to send once open, in order ("big:N" sends N bytes, byte i = (i * 31 + 7) % 251, as binary)
//   sendAfterFirstMessage  send them only once the server's first message arrived (engine.io's open packet: a real
//             socket.io client waits for it, and a server may close on a packet that comes before)
//   count     how many messages to wait for; then the client closes with 1000 unless waitForClose is set
// It prints one JSON line per event (open, message, close, error, timeout) and exits when the socket has closed.
const crypto = require('crypto');
const fs = require('fs');
const WebSocket = require('ws');
const { HttpProxyAgent } = require('http-proxy-agent');
const { HttpsProxyAgent } = require('https-proxy-agent');

const spec = JSON.parse(process.argv[2]);
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');

function pattern(n) {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 31 + 7) % 251;
  return bytes;
}

const options = { perMessageDeflate: false, maxPayload: 8 * 1024 * 1024, handshakeTimeout: 10000 };
if (spec.ca) options.ca = fs.readFileSync(spec.ca);
if (spec.via === 'absolute') options.agent = new HttpProxyAgent(spec.proxy);
if (spec.via === 'connect') options.agent = new HttpsProxyAgent(spec.proxy, spec.ca ? { ca: options.ca } : {});
if (spec.via === 'direct') {
  // *.localhost is loopback (RFC 6761); glibc here does not know that, browsers do
  options.lookup = (host, opts, callback) =>
    opts && opts.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
}

const ws = new WebSocket(spec.url, spec.protocols || [], options);
let received = 0;
const deadline = setTimeout(() => {
  print({ event: 'timeout', received });
  ws.terminate();
  process.exit(3);
}, spec.timeoutMillis || 15000);

function sendAll() {
  for (const message of spec.send || []) {
    if (message.startsWith('big:')) ws.send(pattern(Number(message.slice(4))), { binary: true });
    else ws.send(message);
  }
}

ws.on('open', () => {
  print({ event: 'open', protocol: ws.protocol });
  if (!spec.sendAfterFirstMessage) sendAll();
});
ws.on('message', (data, isBinary) => {
  received++;
  if (received === 1 && spec.sendAfterFirstMessage) sendAll();
  const event = { event: 'message', binary: isBinary, length: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex') };
  if (!isBinary) event.text = data.toString().slice(0, 2000);
  print(event);
  if (received === spec.count && !spec.waitForClose) ws.close(1000, 'done');
});
ws.on('unexpected-response', (req, res) => {
  print({ event: 'error', message: `unexpected response ${res.statusCode}` });
  ws.terminate();
});
ws.on('error', (e) => print({ event: 'error', message: e.message }));
ws.on('close', (code, reason) => {
  clearTimeout(deadline);
  print({ event: 'close', code, reason: reason.toString() });
  process.exit(0);
});
