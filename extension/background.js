// Points Chrome's proxy settings at the localhome daemon's PAC file, and keeps that file current.
//
// The PAC file sends localhome only what it serves: the bare names of its services (and the daemon's own name), and
// bare names that resolve nowhere (which get localhome's 404 page listing the services). Every other name goes
// DIRECT, exactly as without the extension. The file lists the services of the moment, and Chrome fetches a PAC URL
// once (again only after a failure, or every 12 hours), so this worker fetches the file itself every second and
// hands Chrome the text (pac_script "data") whenever it changed: a service started a moment ago is reached by its
// bare name within a second or two, even when that name also resolves elsewhere. If the daemon is not running,
// Chrome is given the PAC URL instead and connects directly until the daemon answers.
const DEFAULT_PORT = 9090;
const POLL_MS = 1000;

let applied = null; // the PAC text (or "url:<port>", or "off") Chrome has now
let polling = false;

async function settings() {
  const { port = DEFAULT_PORT, enabled = true } = await chrome.storage.local.get(["port", "enabled"]);
  return { port, enabled };
}

async function fetchPac(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/proxy.pac`, { cache: "no-store" });
    return response.ok ? await response.text() : null;
  } catch (e) {
    return null; // no daemon on that port
  }
}

async function applyProxySettings() {
  const { port, enabled } = await settings();
  if (!enabled) {
    if (applied !== "off") await chrome.proxy.settings.clear({ scope: "regular" });
    applied = "off";
    return;
  }
  const pac = await fetchPac(port);
  const wanted = pac ?? `url:${port}`;
  if (wanted === applied) return;
  const pacScript = pac !== null ? { data: pac, mandatory: false }
      : { url: `http://127.0.0.1:${port}/proxy.pac`, mandatory: false };
  await chrome.proxy.settings.set({ scope: "regular", value: { mode: "pac_script", pacScript } });
  applied = wanted;
}

// Each round calls extension APIs (storage, proxy), which keeps this service worker alive while it polls; the alarm
// starts the loop again should Chrome stop the worker anyway.
async function poll() {
  if (polling) return;
  polling = true;
  try {
    for (;;) {
      await applyProxySettings().catch((e) => console.warn("localhome: cannot apply the PAC file", e));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    polling = false;
  }
}

chrome.runtime.onInstalled.addListener(poll);
chrome.runtime.onStartup.addListener(poll);
chrome.alarms.create("localhome-poll", { periodInMinutes: 0.5 });
chrome.alarms.onAlarm.addListener(poll);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && ("port" in changes || "enabled" in changes)) {
    applied = null;
    applyProxySettings();
  }
});
poll();
