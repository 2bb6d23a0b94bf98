// The module an HMR measurement edits (src/hmr-leaf.js of the generated page), at a given version: it stamps
// window.__hmr with that version and the wall-clock time it ran, which the driver compares with the time of the edit.
export function hmrLeaf(version) {
  return `// edited by bench/pageload's HMR measurement
export const version = ${version};
window.__hmr = { version, at: Date.now() };
document.getElementById("hmr").textContent = "hmr v" + version;
if (import.meta.hot) import.meta.hot.accept();
`;
}
