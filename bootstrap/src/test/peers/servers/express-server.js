// Express with `trust proxy`: what it makes of the X-Forwarded-* headers the daemon adds is what any Express app
// behind localhome sees. GET /whoami answers it as JSON.
const express = require('express');
const ready = require('./ready');

const app = express();
app.set('trust proxy', true);
app.get('/whoami', (req, res) => res.json({
  protocol: req.protocol,
  secure: req.secure,
  hostname: req.hostname,
  ip: req.ip,
  host: req.get('host'),
  forwarded: {
    host: req.get('x-forwarded-host') ?? null,
    proto: req.get('x-forwarded-proto') ?? null,
    for: req.get('x-forwarded-for') ?? null,
  },
}));
const server = app.listen(0, '127.0.0.1', () => ready(server));
