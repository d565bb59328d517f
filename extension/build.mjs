// Bundles the client into one file (vscode-languageclient included) so that the .vsix carries
// no node_modules; logic.ts is also emitted alone for the unit tests.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning" };
await build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"], minify: true, sourcemap: false });
await build({ ...common, entryPoints: ["src/logic.ts"], outfile: "out/logic.js" });
