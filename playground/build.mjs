// Builds the playground into dist/: index.html, the page's and the worker's bundles (esbuild), the
// stylesheet and the engine's .wasm. The ML retraining example of the repository is bundled as the
// module `virtual:example`, read here at build time.

import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
const exampleDir = join(here, "..", "examples", "ml-retraining");
const require = createRequire(import.meta.url);
const started = performance.now();

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The example's files as `{files: {"ml-retraining/<file>": text}, open}`. */
function exampleModule() {
  const files = {};
  for (const p of walk(exampleDir).sort()) {
    if (!/\.json$|(^|\/)adf\.toml$/.test(p)) continue;
    files[`ml-retraining/${relative(exampleDir, p).split("\\").join("/")}`] = readFileSync(p, "utf8");
  }
  if (!Object.keys(files).length) throw new Error(`no example files in ${exampleDir}`);
  const open = "ml-retraining/WeeklyRetraining.json" in files ? "ml-retraining/WeeklyRetraining.json" : Object.keys(files)[0];
  return `export default ${JSON.stringify({ files, open })};`;
}

const example = {
  name: "example",
  setup(b) {
    b.onResolve({ filter: /^virtual:example$/ }, () => ({ path: "example", namespace: "example" }));
    b.onLoad({ filter: /.*/, namespace: "example" }, () => ({ contents: exampleModule(), loader: "js", watchFiles: walk(exampleDir) }));
  },
};

const wasm = join(dirname(require.resolve("adf-language-tools-wasm/package.json")), "dist", "adf_wasm_bg.wasm");
try {
  statSync(wasm);
} catch {
  console.error(`error: ${wasm} is missing: build the package first (bash scripts/build-wasm.sh)`);
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { main: "src/main.js", worker: "src/worker.js" },
  absWorkingDir: here,
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: true,
  outdir: out,
  plugins: [example],
  // The bindings' default `new URL('adf_wasm_bg.wasm', import.meta.url)` is never used: the
  // worker passes the URL of the copy below, so esbuild needn't understand it.
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
copyFileSync(join(here, "src", "style.css"), join(out, "main.css"));
copyFileSync(wasm, join(out, "adf_wasm_bg.wasm"));
const sizes = readdirSync(out)
  .map((f) => `${f} ${Math.round(statSync(join(out, f)).size / 1024)} KiB`)
  .join(", ");
console.log(`built playground/dist in ${Math.round(performance.now() - started)} ms: ${sizes}`);
