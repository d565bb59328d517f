// Bundles the client into one file (vscode-languageclient included) so that the .vsix carries
// no node_modules; logic.ts, commandLogic.ts and the server's paths.ts are also emitted alone for the unit tests.
// The browser entry carries
// the wasm server (it runs in the same worker); the Node entry of the wasm server is the
// desktop's fallback, and both read the engine's .wasm copied beside them.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const wasm = "../wasm-pkg/dist/adf_wasm_bg.wasm";
if (!existsSync(wasm)) {
  console.error(`error: ${wasm} missing: run \`bash scripts/build-wasm.sh\` in the repository first`);
  process.exit(2);
}
// The bindings default to `new URL(..., import.meta.url)` for the .wasm, which is never used:
// every entry hands them the bytes.
const noImportMeta = { "import.meta.url": "undefined" };
const common = { bundle: true, format: "cjs", logLevel: "warning", external: ["vscode"] };
const node = { ...common, platform: "node", target: "node20" };
const text = { ".toml": "text" };
await build({ ...node, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", minify: true, loader: text });
await build({ ...node, entryPoints: ["src/server/node.ts"], outfile: "dist/server-node.js", minify: true, define: noImportMeta });
await build({
  ...common,
  platform: "browser",
  target: "es2022",
  entryPoints: ["src/browser.ts"],
  outfile: "dist/browser.js",
  minify: true,
  loader: text,
  define: noImportMeta,
});
mkdirSync("dist", { recursive: true });
copyFileSync(wasm, "dist/adf_wasm_bg.wasm");
await build({ ...node, entryPoints: ["src/logic.ts"], outfile: "out/logic.js" });
await build({ ...node, entryPoints: ["src/server/paths.ts"], outfile: "out/paths.js" });
await build({ ...node, entryPoints: ["src/commandLogic.ts"], outfile: "out/commandLogic.js" });
// The graph webview's script: the playground's renderer (playground/src/graph.js) and its caller.
await build({ bundle: true, platform: "browser", format: "iife", target: "es2022", logLevel: "warning", entryPoints: ["webview/graphView.js"], outfile: "dist/graphView.js", minify: true });
