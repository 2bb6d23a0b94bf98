// A real Vite dev server on a scratch project (argv[2]): its HMR socket lives at the server root, speaks the
// `vite-hmr` subprotocol, wants the server's token in the query and sends {"type":"connected"} first. The token is
// printed as TOKEN:<token>, as the page's /@vite/client would carry it.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { createServer } = require('vite');
const ready = require('./ready');

// Vite reads `port: 0` as "the default, 5173": take a free port from the system and hold Vite to it
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

(async () => {
  const root = process.argv[2];
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>peer</title><script type="module" src="/main.js"></script>\n');
  fs.writeFileSync(path.join(root, 'main.js'), 'export const answer = 42;\n');
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: await freePort(), strictPort: true },
  });
  await server.listen();
  process.stdout.write(`TOKEN:${server.config.webSocketToken}\n`);
  ready(server.httpServer);
})().catch((e) => { console.error(e); process.exit(1); });
