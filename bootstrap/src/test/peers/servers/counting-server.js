// A dev server that counts the connections it accepts, for the tests of the daemon's backend connection cap. It
// answers GET /count on its own (its own connections are not counted: a connection counts from its first other
// request) with {"accepted":N,"open":N,"seen":{"<path prefix>":N}}, where seen counts requests by their first path
// segment.
//
//   /m/<i>      a module: `export const m<i> = <i>;` and <i mod 500> 'x' characters, Content-Length
//   /sse        an event stream: one event at once, then open until /release or the client leaves
//   /poll       a long poll: no head at all until /release
//   /release    ends every /sse and /poll held open (asked directly, like /count)
const http = require('http');
const ready = require('./ready');

let accepted = 0;
let open = 0;
const seen = {};
const held = new Set();

function moduleBody(i) {
  return `export const m${i} = ${i};\n` + 'x'.repeat(i % 500);
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path === '/count') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ accepted, open, seen }));
    return;
  }
  if (path === '/release') {
    for (const end of held) end();
    held.clear();
    res.end('released');
    return;
  }
  if (!req.socket.counted) {
    req.socket.counted = true;
    accepted++;
    open++;
    req.socket.on('close', () => open--);
  }
  const first = '/' + (path.split('/')[1] || '');
  seen[first] = (seen[first] || 0) + 1;
  if (path.startsWith('/m/')) {
    const body = moduleBody(Number(path.slice(3)));
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  } else if (path === '/sse') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('data: hello\n\n');
    const end = () => res.end('data: bye\n\n');
    held.add(end);
    res.on('close', () => held.delete(end));
  } else if (path === '/poll') {
    const end = () => res.end('polled');
    held.add(end);
    res.on('close', () => held.delete(end));
  } else {
    res.end('hello from ' + (process.env.NAME || 'counting-server'));
  }
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => ready(server));
