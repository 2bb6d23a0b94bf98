// A launcher that hands its listening socket to the server it starts, then exits, run as `node HandOverListener.js`
// with NAME set: listens on a free loopback port and prints "READY <port>"; at the first line on stdin, starts a
// child process that holds the same socket (as its fd 3), prints "HANDED <child pid>" and exits. The test stops the
// child by its pid; should it not, the child exits by itself after two minutes. (Not on stdin's end: Java closes its
// end of the pipe when the parent exits.)
'use strict';
const net = require('net');
const { spawn } = require('child_process');

const server = net.createServer();
server.listen(0, '127.0.0.1', () => {
  console.log('READY ' + server.address().port);
  process.stdin.once('data', () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'],
      { stdio: ['ignore', 'ignore', 'inherit', server._handle.fd], detached: true });
    console.log('HANDED ' + child.pid);
    process.exit(0);
  });
});
