// Keeps the services table live: fetches /api/services when the daemon says the services changed (live.js's event
// stream: "localhome:services", also when the stream opens or comes back) and rebuilds the rows from the JSON; in
// between, uptimes count on here, and nothing is asked of the daemon while nothing changes.
// Every value goes in with textContent, never as markup; hrefs only when they are http(s) URLs.
(function () {
  'use strict';
  var rows = document.getElementById('rows');
  var table = document.getElementById('services');
  var empty = document.getElementById('empty');
  var live = document.getElementById('live');
  var TICK = 1000;
  var shown = null; // the last services fetched, and when
  var fetchedAt = 0;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // Same wording as Dashboard.uptime on the server.
  function uptime(seconds) {
    if (seconds === null || seconds === undefined) return '\u2014';
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + m + 'm';
    if (m > 0) return m + 'm ' + s + 's';
    return s + 's';
  }

  // Every port, each a link to its own URL; the one the name alone reaches is marked (as Dashboard.ports renders it).
  function ports(service) {
    var td = el('td', null, 'num ports');
    var endpoints = service.endpoints || [];
    if (!endpoints.length) td.textContent = service.port;
    endpoints.forEach(function (p, i) {
      if (!/^https?:\/\//.test(p.url)) return;
      if (i > 0) td.appendChild(document.createTextNode(' '));
      var a = el('a', String(p.port), p.chosen ? 'port chosen' : 'port');
      a.href = p.url;
      a.title = (p.links || []).join('  ');
      td.appendChild(a);
    });
    return td;
  }

  // As Dashboard.pids: with several processes of one name, the one that answers is bold and the title says why.
  function pids(service) {
    var processes = service.processes || [];
    var td = el('td', null, 'num');
    if (!processes.length) { td.textContent = '\u2014'; return td; }
    if (processes.length === 1) { td.textContent = processes[0].pid; return td; }
    var span = el('span', null, 'several');
    processes.forEach(function (p, i) {
      if (i > 0) span.appendChild(document.createTextNode(', '));
      span.appendChild(p.answers ? el('b', p.pid, 'answers') : document.createTextNode(String(p.pid)));
    });
    span.title = processes.length + ' processes carry NAME=' + service.name + ': ' + processes.map(function (p) {
      return 'pid ' + p.pid + ((p.ports || []).length ? ' on ' + p.ports.join(', ') : '') + (p.answers ? ' answers' : '');
    }).join('; ') + (service.portRule ? ' (' + service.portRule + ')' : '');
    td.appendChild(span);
    return td;
  }

  // Same wording as Dashboard.lastSeen on the server: how long ago a scan last found it.
  function lastSeen(iso) {
    var at = Date.parse(iso);
    if (isNaN(at)) return 'seen \u2014';
    return 'seen ' + uptime(Math.max(0, Math.floor((Date.now() - at) / 1000))) + ' ago';
  }

  function row(service) {
    var stopped = service.state === 'stopped';
    var tr = el('tr');
    tr.setAttribute('data-service', service.name);
    var name = el('td', null, 'name');
    var inspect = el('a', service.name, 'inspect');
    inspect.href = '#requests=' + encodeURIComponent(service.name);
    inspect.title = 'see its requests live';
    name.appendChild(inspect);
    tr.appendChild(name);
    var links = el('td', null, 'links');
    if (stopped) {
      tr.className = 'stopped';
      tr.setAttribute('data-state', 'stopped');
      name.appendChild(document.createTextNode(' '));
      name.appendChild(el('span', 'stopped', 'badge off'));
      var forget = el('button', 'forget', 'forget');
      forget.type = 'button';
      forget.setAttribute('data-forget', service.name);
      links.appendChild(forget);
    }
    (stopped ? [] : service.links || []).forEach(function (url) {
      if (!/^https?:\/\//.test(url)) return;
      var a = el('a', url);
      a.href = url;
      links.appendChild(a);
    });
    tr.appendChild(links);
    // filled by live.js from the request stream
    tr.appendChild(el('td', '\u2014', 'num rpm'));
    tr.appendChild(el('td', '\u2014', 'num errors'));
    tr.appendChild(el('td', null, 'spark'));
    tr.appendChild(ports(service));
    var processes = service.processes || [];
    tr.appendChild(pids(service));
    // the process that answers for the name: with two of one name, its command is the one that matters
    var first = processes.filter(function (p) { return p.answers; })[0] || processes[0] || {};
    var command = el('td', null, 'cmd');
    if (first.container) {
      var container = el('span', first.container.name + ' (' + first.container.image + ', ' + first.container.id + ')', 'container');
      container.title = 'container, image, id';
      command.appendChild(container);
      command.appendChild(document.createTextNode(' '));
    }
    command.appendChild(el('code', first.command || '\u2014'));
    command.title = first.command || '';
    tr.appendChild(command);
    var directory = el('td', first.workingDirectory || '\u2014', 'dir');
    directory.title = first.workingDirectory || '';
    tr.appendChild(directory);
    var up = el('td', stopped ? lastSeen(service.lastSeen) : uptime(service.uptimeSeconds), 'num');
    if (stopped) up.title = 'last seen ' + service.lastSeen;
    tr.appendChild(up);
    return tr;
  }

  // A stopped service's "forget" button: POST from this page (Sec-Fetch-Site: same-origin) with the header no other
  // page can send without a preflight, then show the answer.
  rows.addEventListener('click', function (event) {
    var button = event.target;
    if (!button || !button.getAttribute || !button.getAttribute('data-forget')) return;
    button.disabled = true;
    fetch('/api/services/' + encodeURIComponent(button.getAttribute('data-forget')) + '/forget',
      {method: 'POST', cache: 'no-store', credentials: 'same-origin', headers: {'X-Localhome': '1'}})
      .then(function (response) { if (response.ok) { var tr = button.closest('tr'); if (tr) tr.remove(); } })
      .catch(function () { button.disabled = false; });
  });

  function render(services) {
    var fragment = document.createDocumentFragment();
    services.forEach(function (service) { fragment.appendChild(row(service)); });
    rows.textContent = '';
    rows.appendChild(fragment);
    table.hidden = services.length === 0;
    empty.hidden = services.length !== 0;
    rows.dispatchEvent(new Event('localhome:rows'));
  }

  // the services as they are now: each running one's uptime advanced by the time since the fetch
  function aged() {
    var seconds = Math.floor((Date.now() - fetchedAt) / 1000);
    return shown.map(function (service) {
      if (service.uptimeSeconds === null || service.uptimeSeconds === undefined) return service;
      return Object.assign({}, service, {uptimeSeconds: service.uptimeSeconds + seconds});
    });
  }

  function refresh() {
    fetch('/api/services', {cache: 'no-store', credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        shown = data.services || [];
        fetchedAt = Date.now();
        render(shown);
        live.textContent = 'live';
        live.classList.remove('stale');
      })
      .catch(down);
  }

  function down() {
    live.textContent = 'localhome is not answering \u2014 retrying';
    live.classList.add('stale');
  }

  document.addEventListener('localhome:services', refresh);
  document.addEventListener('localhome:down', down);
  setInterval(function () { if (shown && !document.hidden) render(aged()); }, TICK);
})();
