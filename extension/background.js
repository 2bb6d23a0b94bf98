// Points Chrome's proxy settings at the localhome daemon's PAC file. The PAC file sends bare names (app/) to
// localhome and everything else DIRECT; a name localhome does not know falls back to DIRECT too, so intranet
// names keep working. If the daemon is not running, Chrome cannot fetch the PAC file and connects directly.
const DEFAULT_PORT = 9090;

async function applyProxySettings() {
  const { port = DEFAULT_PORT, enabled = true } = await chrome.storage.local.get(["port", "enabled"]);
  if (!enabled) {
    await chrome.proxy.settings.clear({ scope: "regular" });
    return;
  }
  await chrome.proxy.settings.set({
    scope: "regular",
    value: { mode: "pac_script", pacScript: { url: `http://127.0.0.1:${port}/proxy.pac`, mandatory: false } },
  });
}

chrome.runtime.onInstalled.addListener(applyProxySettings);
chrome.runtime.onStartup.addListener(applyProxySettings);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && ("port" in changes || "enabled" in changes)) applyProxySettings();
});
