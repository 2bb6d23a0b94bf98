// What every peer server shares: print READY:<port> once listening (BackendProcess waits for it), and exit when the
// test closes our stdin, so no server outlives the JVM that started it.
module.exports = function ready(server) {
  const { port } = server.address();
  process.stdout.write(`READY:${port}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
};
