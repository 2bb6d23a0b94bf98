// Drives the system's Chromium over the generated page (generate.mjs) for bench/pageload/pageload.sh, which starts
// Vite and the daemon; this script starts, drives and stops only Chromium. One raw row per load goes to OUT (TSV).
//
//   node drive.mjs rounds key=value...   ROUNDS rounds; in each, every path in turn (the order rotated by one per
//                                        round), each in a new Chromium with a fresh profile: a cold load, a warm
//                                        reload (HTTP cache kept), an HMR edit of src/hmr-leaf.js
//   node drive.mjs prime key=value...    untimed cold loads over PATHS for SECONDS (at least one each)
//   node drive.mjs first key=value...    one path, in one Chromium: the first load after the daemon started, then cold
//                                        loads (a new browser context each) for WARMUP seconds, then STEADY more
//
// keys: out, site, name, vitePort, daemonPort, daemonPid, home (HOME for Chromium: its NSS database trusts the CA),
// paths (comma-separated, of direct,h1,pac-http,pac-https), rounds, deadline (epoch seconds, for rounds), path,
// warmup and seconds (seconds), steady, timeout (ms, per load).
//
// A load's time is window.__pageReady: performance.now() when every module has run and every image decoded, i.e.
// since the navigation started. Backend connections: the dev server's /__connections (count-connections plugin)
// before and after, asked directly on a new connection each time (hence the - 1). Daemon CPU: utime+stime of its
// PID from /proc/<pid>/stat over the load.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { hmrLeaf } from "./hmr-leaf.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CLK_TCK = Number(process.env.CLK_TCK || 100);
const [mode, ...pairs] = process.argv.slice(2);
const opt = Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
for (const key of ["out", "site", "name", "vitePort", "daemonPort", "daemonPid", "home"]) {
  if (!opt[key]) { console.error(`drive.mjs: missing ${key}=`); process.exit(2); }
}
const TIMEOUT = Number(opt.timeout || 120000);

const URLS = {
  direct: `http://127.0.0.1:${opt.vitePort}/`,
  h1: `http://${opt.name}.localhost:${opt.daemonPort}/`,
  "pac-http": `http://${opt.name}/`,
  "pac-https": `https://${opt.name}/`,
};
const usesPac = (path) => path.startsWith("pac-");

const COLUMNS = ["phase", "round", "slot", "path", "kind", "ms", "requests", "protocol", "backend_conns",
  "daemon_ticks", "clk_tck", "load1", "error"];
if (!existsSync(opt.out)) writeFileSync(opt.out, COLUMNS.join("\t") + "\n");
const record = (row) => {
  const line = COLUMNS.map((c) => row[c] ?? "").join("\t");
  appendFileSync(opt.out, line + "\n");
  console.error(`  ${row.phase} r${row.round} ${row.path.padEnd(9)} ${row.kind.padEnd(7)} ${String(row.ms).padStart(6)} ms`
    + `  ${row.requests} req ${row.protocol}  backend conns ${row.backend_conns}`
    + `  daemon CPU ${(row.daemon_ticks * 1000 / CLK_TCK).toFixed(0)} ms${row.error ? "  ERROR " + row.error : ""}`);
};

const load1 = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const daemonTicks = () => {
  try {
    const stat = readFileSync(`/proc/${opt.daemonPid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from the 3rd on
    return Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15
  } catch { return NaN; }
};
const backendConnections = () => new Promise((resolve) => {
  const req = request({ host: "127.0.0.1", port: opt.vitePort, path: "/__connections", agent: false }, (res) => {
    let body = ""; res.on("data", (d) => { body += d; }); res.on("end", () => resolve(Number(body)));
  });
  req.on("error", () => resolve(NaN)); req.end();
});

// --- Chromium, by PID ---------------------------------------------------------------------------------------------

// the Chromiums running now, stopped on SIGTERM or SIGINT too (the driver is then stopped before it could)
const running = new Set();
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    for (const { child } of running) { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }
    process.exit(128 + (signal === "SIGTERM" ? 15 : 2));
  });
}

async function launch(path) {
  const profile = mkdtempSync(join(tmpdir(), "pageload-chromium-"));
  const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    // no name is looked up outside the machine: *.localhost is loopback in Chromium itself, and every other name
    // resolves nowhere (the PAC's isResolvable sees that too, so bare names go to localhome)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    ...(usesPac(path) ? [`--proxy-pac-url=http://127.0.0.1:${opt.daemonPort}/proxy.pac`] : []), "about:blank"];
  const child = spawn(CHROMIUM, args, { env: { ...process.env, HOME: opt.home }, detached: true,
    stdio: ["ignore", "ignore", "pipe"] });
  running.add({ child });
  let stderr = ""; child.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
  const portFile = join(profile, "DevToolsActivePort");
  for (let i = 0; !existsSync(portFile) || readFileSync(portFile, "utf8").split("\n").length < 2; i++) {
    if (i > 300 || child.exitCode !== null) { stop({ child, profile }); throw new Error(`Chromium did not start: ${stderr}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = readFileSync(portFile, "utf8").split("\n")[0];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  return { child, profile, browser };
}

async function stop({ child, profile, browser }) {
  for (const entry of running) if (entry.child === child) running.delete(entry);
  try { await browser?.close(); } catch { /* disconnecting only */ }
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  try { process.kill(-child.pid, "SIGKILL"); } catch { /* its group (renderers, zygote) is gone already */ }
  rmSync(profile, { recursive: true, force: true });
}

// --- one load -----------------------------------------------------------------------------------------------------

async function newPage(context) {
  const page = await context.newPage();
  // the default buffer holds 250 entries: too few to count a page of 1600 requests
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100000));
  page.viteConnected = false;
  page.on("console", (msg) => { if (msg.text().includes("[vite] connected")) page.viteConnected = true; });
  return page;
}

async function measure(row, navigate, page) {
  const conns0 = await backendConnections(), ticks0 = daemonTicks();
  let error = "";
  let ms = "", requests = "", protocol = "";
  try {
    await navigate();
    await page.waitForFunction(() => window.__pageReady !== undefined, null, { timeout: TIMEOUT, polling: 20 });
    const result = await page.evaluate(() => ({
      ready: window.__pageReady,
      requests: performance.getEntriesByType("resource").length + 1,
      protocol: performance.getEntriesByType("navigation")[0]?.nextHopProtocol,
      nodes: document.querySelectorAll(".c").length,
      imageErrors: window.__imageErrors || 0,
    }));
    ms = result.ready.toFixed(0); requests = result.requests; protocol = result.protocol;
    if (result.imageErrors) error = `${result.imageErrors} images failed`;
    if (result.nodes < 100) error = `only ${result.nodes} components rendered`;
  } catch (e) {
    error = String(e.message || e).split("\n")[0].replace(/\t/g, " ");
    // how far it got: the requests that completed, and the first few still without a response (an aborted or
    // stalled one has no resource entry yet: it shows as a module the page imported but never received)
    try {
      const done = await page.evaluate(() => performance.getEntriesByType("resource").length + 1);
      error += `; ${done} requests completed`;
    } catch { /* the page itself is gone */ }
  }
  const ticks = daemonTicks() - ticks0;
  const conns = (await backendConnections()) - conns0 - 1;
  record({ ...row, ms, requests, protocol, backend_conns: conns, daemon_ticks: Number.isNaN(ticks) ? "" : ticks,
    clk_tck: CLK_TCK, load1: load1(), error });
  return !error;
}

let hmrVersion = Date.now() % 1000000;
async function hmr(row, page) {
  for (let i = 0; i < 200 && !page.viteConnected; i++) await new Promise((r) => setTimeout(r, 25));
  const version = ++hmrVersion;
  const t0 = Date.now();
  writeFileSync(join(opt.site, "src/hmr-leaf.js"), hmrLeaf(version));
  let ms = "", error = page.viteConnected ? "" : "the HMR socket never said connected";
  const ticks0 = daemonTicks();
  try {
    const at = await page.waitForFunction((v) => window.__hmr?.version === v && window.__hmr.at, version,
      { timeout: 30000, polling: 10 });
    ms = (await at.jsonValue()) - t0;
  } catch (e) {
    error = String(e.message || e).split("\n")[0].replace(/\t/g, " ");
  }
  const ticks = daemonTicks() - ticks0;
  record({ ...row, kind: "hmr", ms, requests: 1, protocol: "", backend_conns: "",
    daemon_ticks: Number.isNaN(ticks) ? "" : ticks, clk_tck: CLK_TCK, load1: load1(), error });
}

// --- the two modes ------------------------------------------------------------------------------------------------

async function rounds() {
  const paths = (opt.paths || "direct,h1,pac-http,pac-https").split(",");
  // deadline (epoch seconds): no round starts that would, at the pace of the last one, end after it
  const deadline = Number(opt.deadline || Infinity) * 1000;
  let last = 0;
  for (let round = 1; round <= Number(opt.rounds || 5); round++) {
    if (Date.now() + last > deadline) {
      console.error(`  rounds: stopping after ${round - 1} of ${opt.rounds}: the next would end past the deadline`);
      break;
    }
    const started = Date.now();
    const order = paths.map((_, i) => paths[(i + round - 1) % paths.length]);
    for (const [slot, path] of order.entries()) {
      const row = { phase: "rounds", round, slot: slot + 1, path };
      const chrome = await launch(path);
      try {
        const page = await newPage(chrome.browser.contexts()[0]);
        if (await measure({ ...row, kind: "cold" }, () => page.goto(URLS[path], { waitUntil: "commit", timeout: TIMEOUT }), page)) {
          await measure({ ...row, kind: "warm" }, () => page.reload({ waitUntil: "commit", timeout: TIMEOUT }), page);
          await hmr(row, page);
        }
      } finally {
        await stop(chrome);
      }
    }
    last = Date.now() - started;
  }
}

async function first() {
  const path = opt.path;
  const chrome = await launch(path);
  try {
    const coldInNewContext = async (kind, round) => {
      const context = await chrome.browser.newContext();
      try {
        const page = await newPage(context);
        return await measure({ phase: "first", round, slot: 1, path, kind },
          () => page.goto(URLS[path], { waitUntil: "commit", timeout: TIMEOUT }), page);
      } finally {
        await context.close();
      }
    };
    await coldInNewContext("first", 0);
    const until = Date.now() + Number(opt.warmup || 30) * 1000;
    for (let i = 1; Date.now() < until; i++) await coldInNewContext("warmup", i);
    for (let i = 1; i <= Number(opt.steady || 3); i++) await coldInNewContext("steady", i);
  } finally {
    await stop(chrome);
  }
}

// Untimed (recorded as phase "prime", left out of the tables): cold loads, a new browser context each, rotating over
// PATHS, at least one each and until SECONDS have passed: Vite's first transform of every module, the daemon's warm-up
async function prime() {
  const paths = (opt.paths || "direct").split(",");
  const chrome = await launch(paths.some(usesPac) ? "pac-http" : "direct");
  try {
    const until = Date.now() + Number(opt.seconds || 0) * 1000;
    for (let i = 0; i < paths.length || Date.now() < until; i++) {
      const path = paths[i % paths.length];
      const context = await chrome.browser.newContext();
      try {
        const page = await newPage(context);
        await measure({ phase: "prime", round: i + 1, slot: 1, path, kind: "cold" },
          () => page.goto(URLS[path], { waitUntil: "commit", timeout: TIMEOUT }), page);
      } finally {
        await context.close();
      }
    }
  } finally {
    await stop(chrome);
  }
}

const modes = { rounds, first, prime };
if (!modes[mode]) { console.error("usage: node drive.mjs rounds|first|prime key=value..."); process.exit(2); }
await modes[mode]();
