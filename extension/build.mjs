// Bundles the client into one file (vscode-languageclient included) so that the .vsix carries
// no node_modules; logic.ts and commandLogic.ts are also emitted alone for the unit tests.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning" };
await build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"], minify: true, sourcemap: false, loader: { ".toml": "text" } });
await build({ ...common, entryPoints: ["src/logic.ts"], outfile: "out/logic.js" });
await build({ ...common, entryPoints: ["src/commandLogic.ts"], outfile: "out/commandLogic.js" });
// The graph webview's script: the playground's renderer (playground/src/graph.js) and its caller.
await build({ bundle: true, platform: "browser", format: "iife", target: "es2022", logLevel: "warning", entryPoints: ["webview/graphView.js"], outfile: "dist/graphView.js", minify: true });
