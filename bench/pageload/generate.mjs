// Writes the page that bench/pageload measures: an unbundled Vite project of MODULES JavaScript modules, CSS_FILES
// style sheets and IMAGES images, the shape of a mid-sized app in development (Vite serves each file as its own
// request, as it does for a real one).
//
//   node generate.mjs OUT_DIR [MODULES=1500] [CSS_FILES=50] [IMAGES=30]
//
// The modules form a tree of fan-out 6 (depth 5 at 1500: the browser discovers them level by level, as it does an
// app's components), and each also imports one of 20 shared utility modules. Every file's content is derived from
// its number only, so two runs write the same project. The page is ready when src/main.js has run (after every
// module it imports, transitively) and every image has decoded: it then sets window.__pageReady to
// performance.now(), the time since navigation started. src/hmr-leaf.js accepts its own updates (import.meta.hot),
// so an edit to it reaches the page without a reload; it stamps window.__hmr with its version and Date.now().
// vite.config.js adds a plugin that counts the TCP connections the dev server accepted, served at /__connections.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { hmrLeaf } from "./hmr-leaf.mjs";

const [out, modulesArg = "1500", cssArg = "50", imagesArg = "30"] = process.argv.slice(2);
if (!out) {
  console.error("usage: node generate.mjs OUT_DIR [MODULES] [CSS_FILES] [IMAGES]");
  process.exit(2);
}
const MODULES = Number(modulesArg), CSS_FILES = Number(cssArg), IMAGES = Number(imagesArg);
const SHARED = 20, FAN_OUT = 6;
const components = MODULES - SHARED - 2; // less the shared modules, main.js and hmr-leaf.js
if (!(components > CSS_FILES && components > IMAGES)) {
  console.error(`generate.mjs: ${MODULES} modules are too few for ${CSS_FILES} CSS files and ${IMAGES} images`);
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
for (const dir of ["src/c", "src/shared", "src/styles", "src/img"]) mkdirSync(join(out, dir), { recursive: true });
const write = (path, text) => writeFileSync(join(out, path), text);

// every (components / CSS_FILES)-th component imports a style sheet, every (components / IMAGES)-th an image
const cssOf = (i) => (i % Math.floor(components / CSS_FILES) === 0 && i / Math.floor(components / CSS_FILES) < CSS_FILES
  ? i / Math.floor(components / CSS_FILES) : -1);
const imageOf = (i) => (i % Math.floor(components / IMAGES) === 1 && (i - 1) / Math.floor(components / IMAGES) < IMAGES
  ? (i - 1) / Math.floor(components / IMAGES) : -1);

for (let s = 0; s < SHARED; s++) {
  write(`src/shared/u${s}.js`, `// shared utility ${s}
export const PREFIX_${s} = "u${s}";
export function label${s}(value) {
  return PREFIX_${s} + ":" + String(value).padStart(4, "0");
}
export function sum${s}(values) {
  let total = ${s};
  for (const v of values) total += v;
  return total;
}
`);
}

// component i imports its children FAN_OUT*i+1 .. FAN_OUT*i+FAN_OUT (when they exist) and shared module i % SHARED
for (let i = 0; i < components; i++) {
  const children = [];
  for (let c = FAN_OUT * i + 1; c <= FAN_OUT * i + FAN_OUT && c < components; c++) children.push(c);
  const css = cssOf(i), image = imageOf(i), s = i % SHARED;
  const lines = [`// component ${i}: ${children.length} children`];
  lines.push(`import { label${s}, sum${s} } from "../shared/u${s}.js";`);
  for (const c of children) lines.push(`import { render${c} } from "./c${c}.js";`);
  if (css >= 0) lines.push(`import "../styles/s${css}.css";`);
  if (image >= 0) lines.push(`import image${image} from "../img/i${image}.png";`);
  lines.push("", `const DATA_${i} = [${Array.from({ length: 12 }, (_, k) => (i * 31 + k * 7) % 97).join(", ")}];`);
  lines.push("", `export function render${i}(into, images) {`);
  lines.push(`  const node = document.createElement("div");`);
  lines.push(`  node.className = "c c${i % 50}";`);
  lines.push(`  node.textContent = label${s}(${i}) + " " + sum${s}(DATA_${i});`);
  if (image >= 0) {
    lines.push(`  const img = document.createElement("img");`);
    lines.push(`  img.src = image${image};`, `  img.alt = "image ${image}";`, `  node.append(img);`, `  images.push(img);`);
  }
  lines.push(`  into.append(node);`);
  for (const c of children) lines.push(`  render${c}(node, images);`);
  lines.push(`}`, "");
  write(`src/c/c${i}.js`, lines.join("\n"));
}

for (let k = 0; k < CSS_FILES; k++) {
  const rules = [];
  for (let r = 0; r < 30; r++) {
    const h = (k * 37 + r * 11) % 360;
    rules.push(`.s${k}-r${r}, .c${(k + r) % 50} > .c:nth-child(${(r % 6) + 1}) {
  color: hsl(${h} 40% 30%);
  border-left: ${(r % 3) + 1}px solid hsl(${(h + 90) % 360} 50% 70%);
  padding: ${r % 4}px ${(r + k) % 6}px;
}`);
  }
  write(`src/styles/s${k}.css`, `/* style sheet ${k} */\n${rules.join("\n")}\n`);
}

for (let k = 0; k < IMAGES; k++) write(`src/img/i${k}.png`, png(96, 96, k));

write("src/hmr-leaf.js", hmrLeaf(0));
write("src/main.js", `import { render0 } from "./c/c0.js";
import "./hmr-leaf.js";

const images = [];
render0(document.getElementById("app"), images);
// ready: every module ran (an ES module runs after all it imports) and every image decoded
Promise.all(images.map((img) => img.decode().catch(() => { window.__imageErrors = (window.__imageErrors || 0) + 1; })))
  .then(() => { window.__pageReady = performance.now(); });
`);
write("index.html", `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>bench page</title>
  </head>
  <body>
    <p id="hmr">-</p>
    <div id="app"></div>
    <script type="module" src="/src/main.js"></script>
  </body>
</html>
`);
write("vite.config.js", `// The bench page's dev server. countConnections: how many TCP connections the server accepted, at /__connections
// (bench/pageload reads it before and after each load: the backend connections a page load opened).
function countConnections() {
  return {
    name: "count-connections",
    configureServer(server) {
      let accepted = 0;
      server.httpServer?.on("connection", () => { accepted++; });
      server.middlewares.use("/__connections", (req, res) => {
        res.setHeader("content-type", "text/plain");
        res.setHeader("cache-control", "no-store");
        res.end(String(accepted));
      });
    },
  };
}

export default {
  plugins: [countConnections()],
  clearScreen: false,
  logLevel: "warn",
  server: { host: "127.0.0.1", strictPort: true },
};
`);
write("package.json", JSON.stringify({ name: "bench-page", private: true, type: "module" }, null, 2) + "\n");
console.log(`wrote ${out}: ${MODULES} modules (${components} components, ${SHARED} shared, main, hmr leaf), `
  + `${CSS_FILES} style sheets, ${IMAGES} images`);

// A WIDTH x HEIGHT RGB PNG whose pixels are a pseudo-random pattern seeded by seed (about 20 KiB: it compresses
// as badly as a photo thumbnail)
function png(width, height, seed) {
  let x = seed * 2654435761 + 1;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    for (let p = 1; p <= width * 3; p++) {
      x = (x * 1103515245 + 12345) >>> 0;
      raw[y * (width * 3 + 1) + p] = (x >>> 16) & 0xff;
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; // 8 bits, RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
