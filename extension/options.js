const DEFAULT_PORT = 9090;
const portInput = document.getElementById("port");
const enabledInput = document.getElementById("enabled");
const status = document.getElementById("status");
const dashboard = document.getElementById("dashboard");

async function load() {
  const { port = DEFAULT_PORT, enabled = true } = await chrome.storage.local.get(["port", "enabled"]);
  portInput.value = port;
  enabledInput.checked = enabled;
  dashboard.href = `http://localhost:${port}/`;
}

document.getElementById("save").addEventListener("click", async () => {
  const port = Number(portInput.value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    status.textContent = "The port must be a whole number from 1 to 65535.";
    return;
  }
  await chrome.storage.local.set({ port, enabled: enabledInput.checked });
  dashboard.href = `http://localhost:${port}/`;
  status.textContent = enabledInput.checked ? `Using http://127.0.0.1:${port}/proxy.pac` : "Off: Chrome connects directly.";
});

load();
