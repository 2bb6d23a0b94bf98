// The dashboard's live traffic, from the request inspector's Server-Sent Events:
// - every service row: requests in the last minute, the share of errors (localhome's own answers apart from the
//   service's 5xx) and a chart of the last 10 minutes, from /api/requests/stream (every service);
// - one service's exchanges streaming in (#requests=<name>), from /api/requests/stream?service=<name>, with a filter
//   by path and status, pause, and one exchange's details.
// An exchange arrives when it starts and again when it is done, and again in the history fetched after a reconnect
// or a gap: everything is kept by exchange id, so nothing shows twice. A daemon restarted meanwhile (another start
// time in /api/status) numbers its exchanges afresh: then the page starts afresh too.
// Every value goes in with textContent, never as markup; no inline styles (the page's CSP allows only its nonce).
(function () {
  'use strict';
  var WINDOW_MS = 10 * 60 * 1000;
  var BUCKETS = 30;
  var BUCKET_MS = WINDOW_MS / BUCKETS;
  var MAX_TRACKED = 20000; // exchanges counted for the rows' stats: bounds memory under a burst
  var MAX_ROWS = 500; // exchanges listed for the open service
  var MAX_HELD = 2000; // exchanges held while paused
  var RETRY_MS = 1000;
  var SVG = 'http://www.w3.org/2000/svg';

  var main = document.getElementById('dashboard');
  var rows = document.getElementById('rows');
  var started = main.getAttribute('data-started');

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function getJson(url) {
    return fetch(url, {cache: 'no-store', credentials: 'same-origin'}).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  // An EventSource that comes back: the browser reconnects by itself after a drop; when it gives up (the daemon
  // answered something other than a stream while restarting, say), this opens a new one.
  function stream(url, on) {
    var source = null;
    var closed = false;
    var opened = false;
    var timer = null;
    function connect() {
      source = new EventSource(url);
      source.addEventListener('open', function () {
        var again = opened;
        opened = true;
        on.open(again);
      });
      source.addEventListener('exchange', function (event) {
        var exchange;
        try { exchange = JSON.parse(event.data); } catch (e) { return; }
        on.exchange(exchange);
      });
      // the daemon could not keep up with this page and left some out: fetch what is recorded instead
      source.addEventListener('dropped', function () { on.gap(); });
      // discovery found the services changed (only on the stream of every service)
      source.addEventListener('services', function () { if (on.services) on.services(); });
      source.addEventListener('error', function () {
        on.down();
        if (source.readyState === EventSource.CLOSED && !closed) {
          clearTimeout(timer);
          timer = setTimeout(connect, RETRY_MS);
        }
      });
    }
    connect();
    return {
      close: function () {
        closed = true;
        clearTimeout(timer);
        if (source) source.close();
      }
    };
  }

  // After a reconnect: is this the daemon the page knew? A new one starts its ids from 1 again.
  function checkDaemon() {
    return getJson('/api/status').then(function (status) {
      if (status && status.startedAt && status.startedAt !== started) {
        started = status.startedAt;
        main.setAttribute('data-started', started);
        reset();
      }
    }, function () {});
  }

  function reset() {
    traffic.clear();
    seedTraffic();
    if (panel.name) {
      clearPanel();
      fetchHistory(panel.name);
    }
    paint();
  }

  // A later snapshot replaces an earlier one; a done exchange never goes back to open (a history fetched before
  // its end may arrive after the stream told of it).
  function newer(known, exchange) {
    return !known || !(known.state === 'done' && exchange.state !== 'done');
  }

  // ---- every service's traffic ------------------------------------------------------------------------------------

  var traffic = new Map(); // id -> {service, at, status, by, state}
  var paintTimer = null;

  function track(exchange) {
    var at = Date.parse(exchange.startedAt);
    if (isNaN(at) || !newer(traffic.get(exchange.id), exchange)) return;
    traffic.set(exchange.id, {service: exchange.service, at: at, status: exchange.status, by: exchange.answeredBy,
      state: exchange.state});
    if (traffic.size > MAX_TRACKED) {
      var excess = traffic.size - MAX_TRACKED;
      var ids = traffic.keys();
      while (excess-- > 0) traffic.delete(ids.next().value);
    }
    if (paintTimer === null) paintTimer = setTimeout(paint, 250);
  }

  function seedTraffic() {
    getJson('/api/requests?n=1000').then(function (list) { list.forEach(track); }, function () {});
  }

  function ourError(t) { return t.by === 'localhome' && t.status >= 400; }
  function theirError(t) { return t.by !== 'localhome' && t.status >= 500; }

  function summaries(now) {
    var from = now - WINDOW_MS;
    var by = {};
    traffic.forEach(function (t, id) {
      if (t.at < from) { traffic.delete(id); return; }
      var s = by[t.service];
      if (!s) {
        s = by[t.service] = {minute: 0, total: 0, ours: 0, theirs: 0, buckets: []};
        for (var i = 0; i < BUCKETS; i++) s.buckets.push({n: 0, ours: 0, theirs: 0});
      }
      var bucket = s.buckets[Math.max(0, Math.min(BUCKETS - 1, Math.floor((t.at - from) / BUCKET_MS)))];
      bucket.n++;
      s.total++;
      if (t.at >= now - 60000) s.minute++;
      if (ourError(t)) { s.ours++; bucket.ours++; }
      else if (theirError(t)) { s.theirs++; bucket.theirs++; }
    });
    return by;
  }

  function percent(part, whole) {
    var p = part * 100 / whole;
    return (p > 0 && p < 1 ? '<1' : String(Math.round(p))) + '%';
  }

  function errorsCell(cell, s) {
    cell.textContent = '';
    if (!s || s.total === 0) { cell.textContent = '\u2014'; return; }
    if (s.ours === 0 && s.theirs === 0) { cell.appendChild(el('span', '0%', 'none')); return; }
    if (s.ours > 0) {
      var ours = el('span', percent(s.ours, s.total) + ' localhome', 'ours');
      ours.title = s.ours + ' of ' + s.total + ' answered by localhome itself with an error (404, 502, 503, 508...)';
      cell.appendChild(ours);
    }
    if (s.theirs > 0) {
      var theirs = el('span', percent(s.theirs, s.total) + ' 5xx', 'theirs');
      theirs.title = s.theirs + ' of ' + s.total + ' answered 5xx by the service';
      cell.appendChild(theirs);
    }
  }

  function rect(x, y, width, height, className) {
    var r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', x);
    r.setAttribute('y', y);
    r.setAttribute('width', width);
    r.setAttribute('height', height);
    r.setAttribute('class', className);
    return r;
  }

  // Bars of 20 s each, oldest left: requests answered well, then the service's 5xx, then localhome's errors on top.
  function chart(cell, s) {
    var width = 96, height = 22, step = width / BUCKETS;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('class', 'chart');
    svg.appendChild(rect(0, height - 1, width, 1, 'axis'));
    if (s) {
      var max = 1;
      s.buckets.forEach(function (b) { if (b.n > max) max = b.n; });
      s.buckets.forEach(function (b, i) {
        var y = height - 1;
        [[b.n - b.ours - b.theirs, 'ok'], [b.theirs, 'theirs'], [b.ours, 'ours']].forEach(function (part) {
          if (part[0] <= 0) return;
          var h = Math.max(1, part[0] * (height - 2) / max);
          y -= h;
          svg.appendChild(rect(i * step + 0.5, y, step - 1, h, part[1]));
        });
      });
      var title = document.createElementNS(SVG, 'title');
      title.textContent = s.total + ' requests in the last 10 minutes';
      svg.appendChild(title);
    }
    cell.textContent = '';
    cell.appendChild(svg);
  }

  function paint() {
    clearTimeout(paintTimer);
    paintTimer = null;
    var sums = summaries(Date.now());
    Array.prototype.forEach.call(rows.querySelectorAll('tr[data-service]'), function (tr) {
      var s = sums[tr.getAttribute('data-service')];
      var rpm = tr.querySelector('td.rpm');
      var errors = tr.querySelector('td.errors');
      var spark = tr.querySelector('td.spark');
      if (!rpm || !errors || !spark) return;
      rpm.textContent = s ? String(s.minute) : '0';
      errors.textContent = '';
      errorsCell(errors, s);
      chart(spark, s);
    });
  }

  // dashboard.js rebuilds the rows every second (uptimes) and at each change: paint them before the browser shows them
  rows.addEventListener('localhome:rows', paint);
  setInterval(paint, 5000); // the window slides even when nothing happens

  // dashboard.js fetches the services on "localhome:services": when they changed, and whenever the stream (re)opens,
  // since they may have changed while it was down
  function tell(what) { document.dispatchEvent(new Event('localhome:' + what)); }

  stream('/api/requests/stream', {
    open: function (again) {
      tell('services');
      (again ? checkDaemon() : Promise.resolve()).then(seedTraffic);
    },
    exchange: track,
    gap: seedTraffic,
    services: function () { tell('services'); },
    down: function () { tell('down'); }
  });

  // ---- one service's exchanges ------------------------------------------------------------------------------------

  var section = document.getElementById('inspector');
  var body = document.getElementById('exchanges');
  var nothing = document.getElementById('no-exchanges');
  var details = document.getElementById('exchange');
  var state = document.getElementById('stream-state');
  var pathFilter = document.getElementById('filter-path');
  var statusFilter = document.getElementById('filter-status');
  var pause = document.getElementById('pause');
  var held = document.getElementById('held');
  var shown = document.getElementById('shown');

  var panel = {name: null, source: null, rows: new Map(), held: new Map(), paused: false, selected: null};

  function two(n) { return (n < 10 ? '0' : '') + n; }
  function clock(iso) {
    var at = new Date(iso);
    if (isNaN(at.getTime())) return iso;
    var ms = at.getMilliseconds();
    return two(at.getHours()) + ':' + two(at.getMinutes()) + ':' + two(at.getSeconds()) + '.' +
      (ms < 10 ? '00' : ms < 100 ? '0' : '') + ms;
  }
  function millis(value) { return value === null || value === undefined ? '\u2026' : String(value); }

  function fill(tr, x) {
    tr.textContent = '';
    tr.className = (x.state === 'open' ? 'open ' : '') + (x.answeredBy === 'localhome' ? 'ours' : '');
    tr.appendChild(el('td', clock(x.startedAt), 'num time'));
    tr.appendChild(el('td', x.method, 'method'));
    var target = el('td', null, 'target');
    target.appendChild(el('code', x.target));
    target.title = x.target;
    tr.appendChild(target);
    var status = el('td', x.status === 0 ? '\u2026' : x.status, 'num status');
    if (x.status >= 500) status.className += ' s5';
    else if (x.status >= 400) status.className += ' s4';
    else if (x.status >= 300) status.className += ' s3';
    tr.appendChild(status);
    tr.appendChild(el('td', x.state === 'open' ? millis(x.firstByteMs) : millis(x.totalMs), 'num ms'));
    tr.appendChild(el('td', x.bytesIn + ' / ' + x.bytesOut, 'num bytes'));
    var protocol = x.protocol;
    if (x.websocket) protocol += ' ' + x.websocket.messagesIn + '\u2191 ' + x.websocket.messagesOut + '\u2193' +
      (x.websocket.closeCode === null || x.websocket.closeCode === undefined ? ' open' : ' closed ' + x.websocket.closeCode);
    tr.appendChild(el('td', protocol, 'protocol'));
    tr.appendChild(el('td', x.arrival, 'arrival'));
    tr.appendChild(el('td', x.answeredBy, 'by'));
  }

  function matches(x) {
    var path = pathFilter.value.trim().toLowerCase();
    if (path && String(x.target).toLowerCase().indexOf(path) < 0) return false;
    var wanted = statusFilter.value;
    if (!wanted) return true;
    if (wanted === 'errors') return x.status >= 400;
    if (wanted === 'localhome') return x.answeredBy === 'localhome';
    if (wanted === 'open') return x.state === 'open';
    return Math.floor(x.status / 100) === Number(wanted);
  }

  function counts() {
    var visible = 0;
    panel.rows.forEach(function (row) { if (!row.tr.hidden) visible++; });
    nothing.hidden = panel.rows.size > 0;
    shown.textContent = panel.rows.size === 0 ? '' : visible + ' of ' + panel.rows.size + ' shown';
    held.textContent = panel.paused ? 'paused, ' + panel.held.size + ' new held' : '';
  }

  // Newest on top: a new exchange goes first; an older one (from a history fetch) where its id belongs.
  function insert(tr, id) {
    var next = body.firstChild;
    while (next && Number(next.getAttribute('data-id')) > id) next = next.nextSibling;
    body.insertBefore(tr, next);
  }

  function apply(x) {
    var known = panel.rows.get(x.id);
    if (known && !newer(known.x, x)) return;
    if (known) {
      known.x = x;
      fill(known.tr, x);
      known.tr.hidden = !matches(x);
    } else {
      var tr = el('tr');
      tr.setAttribute('data-id', x.id);
      fill(tr, x);
      tr.hidden = !matches(x);
      insert(tr, x.id);
      panel.rows.set(x.id, {x: x, tr: tr});
      while (panel.rows.size > MAX_ROWS) {
        var oldest = body.lastChild;
        panel.rows.delete(Number(oldest.getAttribute('data-id')));
        body.removeChild(oldest);
      }
    }
    if (panel.selected === x.id) showDetails(x);
  }

  function receive(x) {
    if (x.service !== panel.name) return;
    if (panel.paused) {
      if (newer(panel.held.get(x.id), x)) panel.held.set(x.id, x);
      if (panel.held.size > MAX_HELD) panel.held.delete(panel.held.keys().next().value);
    } else {
      apply(x);
    }
    counts();
  }

  function fetchHistory(name) {
    getJson('/api/requests?service=' + encodeURIComponent(name) + '&n=' + MAX_ROWS).then(function (list) {
      if (panel.name === name) list.forEach(receive);
    }, function () {});
  }

  function clearPanel() {
    panel.rows.clear();
    panel.held.clear();
    panel.selected = null;
    body.textContent = '';
    details.hidden = true;
    counts();
  }

  function live(text, stale) {
    state.textContent = text;
    state.classList.toggle('stale', !!stale);
  }

  function openPanel(name, opening) {
    if (panel.name === name) return;
    closePanel();
    panel.name = name;
    document.getElementById('inspected').textContent = name;
    section.hidden = false;
    if (opening) section.scrollIntoView({block: 'start'});
    live('connecting', true);
    panel.source = stream('/api/requests/stream?service=' + encodeURIComponent(name), {
      // the stream first, then the history: nothing falls between them, and ids keep the overlap single
      open: function (again) {
        live('live');
        (again ? checkDaemon() : Promise.resolve()).then(function () { fetchHistory(name); });
      },
      exchange: receive,
      gap: function () { fetchHistory(name); },
      down: function () { live('reconnecting', true); }
    });
  }

  function closePanel() {
    if (panel.source) panel.source.close();
    panel.source = null;
    panel.name = null;
    panel.paused = false;
    pause.textContent = 'pause';
    clearPanel();
    section.hidden = true;
  }

  // #requests=<name> opens a service's view: from its name in the table, or from a link or bookmark
  function follow(event) {
    var match = /^#requests=(.+)$/.exec(location.hash);
    if (match) openPanel(decodeURIComponent(match[1]), !!event);
    else if (panel.name) closePanel();
  }

  function headerTable(title, headers) {
    var block = el('div', null, 'headers');
    block.appendChild(el('h3', title));
    if (!headers) {
      block.appendChild(el('p', 'not recorded (start localhome with "inspectHeaders": true to see them)', 'muted'));
      return block;
    }
    var table = el('table');
    headers.forEach(function (header) {
      var tr = el('tr');
      tr.appendChild(el('th', header[0]));
      var value = el('td');
      value.appendChild(el('code', header[1]));
      tr.appendChild(value);
      table.appendChild(tr);
    });
    block.appendChild(table);
    return block;
  }

  function showDetails(x) {
    details.textContent = '';
    var heading = el('h3', x.method + ' ' + x.target);
    var close = el('a', 'close', 'close');
    close.href = '#requests=' + encodeURIComponent(panel.name);
    close.addEventListener('click', function (event) {
      event.preventDefault();
      panel.selected = null;
      details.hidden = true;
    });
    heading.appendChild(close);
    details.appendChild(heading);
    var dl = el('dl');
    [['id', x.id], ['started', x.startedAt], ['status', x.status === 0 ? 'no response yet' : x.status],
      ['state', x.state], ['answered by', x.answeredBy], ['protocol', x.protocol], ['arrived', x.arrival],
      ['first byte', millis(x.firstByteMs) + ' ms'], ['total', millis(x.totalMs) + ' ms'],
      ['bytes in', x.bytesIn], ['bytes out', x.bytesOut]].forEach(function (field) {
      dl.appendChild(el('dt', field[0]));
      dl.appendChild(el('dd', field[1]));
    });
    if (x.websocket) {
      dl.appendChild(el('dt', 'websocket'));
      dl.appendChild(el('dd', x.websocket.messagesIn + ' messages in, ' + x.websocket.messagesOut + ' out' +
        (x.websocket.closeCode === null || x.websocket.closeCode === undefined ? ', open' : ', closed with ' + x.websocket.closeCode)));
    }
    details.appendChild(dl);
    details.appendChild(headerTable('request headers', x.requestHeaders));
    details.appendChild(headerTable('response headers', x.responseHeaders));
    details.hidden = false;
  }

  body.addEventListener('click', function (event) {
    var tr = event.target.closest ? event.target.closest('tr[data-id]') : null;
    if (!tr) return;
    var row = panel.rows.get(Number(tr.getAttribute('data-id')));
    if (!row) return;
    panel.selected = row.x.id;
    showDetails(row.x);
  });

  function refilter() {
    panel.rows.forEach(function (row) { row.tr.hidden = !matches(row.x); });
    counts();
  }
  pathFilter.addEventListener('input', refilter);
  statusFilter.addEventListener('change', refilter);

  pause.addEventListener('click', function () {
    panel.paused = !panel.paused;
    pause.textContent = panel.paused ? 'resume' : 'pause';
    if (!panel.paused) {
      var waiting = Array.from(panel.held.values()).sort(function (a, b) { return a.id - b.id; });
      panel.held.clear();
      waiting.forEach(apply);
    }
    counts();
  });

  document.getElementById('close-inspector').addEventListener('click', function (event) {
    event.preventDefault();
    window.history.replaceState(null, '', location.pathname + location.search); // no hashchange: close here
    closePanel();
  });

  window.addEventListener('hashchange', follow);
  follow();
})();
