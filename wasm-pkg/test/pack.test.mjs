// `npm pack` gives a tarball that a fresh project installs (no network needed: the package has
// no dependencies) and uses from a plain .mjs script, through both entries.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pkgDir, exampleDir } from "./helpers.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

test("the packed tarball installs into a fresh folder and works there", () => {
  const work = mkdtempSync(join(tmpdir(), "adf-wasm-pack-"));
  try {
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: pkgDir, encoding: "utf8" }),
    );
    const tarball = join(work, packed[0].filename);
    const shipped = packed[0].files.map((f) => f.path).sort();
    for (const f of ["dist/adf_wasm.js", "dist/adf_wasm.d.ts", "dist/adf_wasm_bg.wasm", "src/index.js", "src/node.js", "src/index.d.ts", "package.json"]) {
      assert.ok(shipped.includes(f), `${f} is in the tarball (${shipped})`);
    }
    assert.ok(!shipped.some((f) => f.startsWith("test/") || f.startsWith("node_modules/")), String(shipped));

    const app = join(work, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }));
    execFileSync(npm, ["install", tarball, "--no-audit", "--no-fund", "--offline"], { cwd: app, encoding: "utf8" });
    assert.ok(readdirSync(join(app, "node_modules")).includes("adf-language-tools-wasm"));

    writeFileSync(
      join(app, "use.mjs"),
      `import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createWorkspace, version } from "adf-language-tools-wasm";
// The browser/bundler entry, initialised with bytes instead of a fetch.
import * as web from "./node_modules/adf-language-tools-wasm/src/index.js";

const dir = ${JSON.stringify(exampleDir())};
const ws = await createWorkspace();
for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  ws.setFile(f, readFileSync(join(dir, f), "utf8"));
}
const found = ws.allDiagnostics().flatMap((f) => f.diagnostics.map((d) => d.rule));
await web.initialize(readFileSync("node_modules/adf-language-tools-wasm/dist/adf_wasm_bg.wasm"));
const other = new web.AdfWorkspace();
other.setFile("x/pipeline/P.json", '{"name": "P", "properties": {"activities": []}}');
console.log(JSON.stringify({ version: version(), files: ws.paths().length, found, web: other.paths() }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: app, encoding: "utf8" }));
    assert.match(out.version, /^\d+\.\d+\.\d+/);
    assert.ok(out.files > 0);
    assert.ok(Array.isArray(out.found));
    assert.deepEqual(out.web, ["x/pipeline/P.json"]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
