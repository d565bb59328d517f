// Benchmark, not a test: in code-server 4.100.3 driven through Debian's Chromium, the time from
// opening a factory's folder to its finding in the Problems panel, for the desktop (the native
// `adf lsp` bundled in the linux-x64 .vsix, in the Node extension host) and the web (the wasm
// server in the web worker extension host), on examples/ml-retraining and on a generated factory
// of 1 000 pipelines, each with one planted broken reference to wait for.
// Usage (in extension/, after `npm run package`): node test/bench.mjs [--runs 3]
// Prints a markdown table of the medians and the .vsix sizes; the numbers of docs/benchmarks.md
// come from it. ADF_XTASK names an xtask binary instead of `cargo run --release -p xtask`.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { freePort, problemRows, waitFor } from "./workbench.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, "..");
const repo = join(ext, "..");
const runsAt = process.argv.indexOf("--runs");
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
assert.ok(Number.isInteger(runs) && runs > 0, "--runs takes a positive count");
const vsix = join(ext, "adf-language-tools-linux-x64.vsix");
const universal = join(ext, "adf-language-tools.vsix");
const codeServer = join(ext, ".code-server", "node_modules", ".bin", "code-server");
const adf = process.env.ADF_BINARY ?? join(repo, "target", "release", "adf");
for (const p of [vsix, universal, codeServer, adf, "/usr/bin/chromium"]) {
  if (!existsSync(p)) throw new Error(`${p} missing (npm run package; bash ../scripts/install-code-server.sh)`);
}
// A finding the panel can show long after the workbench: indexing 7 000 files in a browser is
// the slow case this benchmark exists to show, so it is given minutes, not seconds.
const patience = 600_000;

const work = mkdtempSync(join(tmpdir(), "adf-vscode-bench-"));
console.log(`work: ${work}`);
const load0 = loadavg();

// The example, with the end-to-end test's planted fault: a dataset naming a missing linked
// service.
const example = join(work, "ml-retraining");
cpSync(join(repo, "examples", "ml-retraining"), example, { recursive: true });
plant(join(example, "LabeledTrainingData.json"), '"linkedServiceName": "BlobStorage"', '"linkedServiceName": "ArchiveStorage"');

// The generated factory must be clean before the fault, or the panel could fill with findings
// that are not the one waited for.
const generated = join(work, "factory-1000");
const gen = ["gen-factory", "--pipelines", "1000", "--out", generated, "--force"];
if (process.env.ADF_XTASK) execFileSync(process.env.ADF_XTASK, gen, { stdio: ["ignore", "ignore", "inherit"] });
else execFileSync("cargo", ["run", "--quiet", "--release", "-p", "xtask", "--", ...gen], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
const clean = check(generated);
assert.equal(clean.diagnostics.length, 0, `the generated factory has findings: ${JSON.stringify(clean.diagnostics.slice(0, 3))}`);
const jsonFiles = clean.summary.files;
const victim = readdirSync(join(generated, "dataset")).sort()[0];
const victimText = readFileSync(join(generated, "dataset", victim), "utf8");
const linked = /"linkedServiceName": \{\s*"referenceName": "([^"]+)"/.exec(victimText);
assert.ok(linked, `no linkedServiceName in dataset/${victim}`);
plant(join(generated, "dataset", victim), `"referenceName": "${linked[1]}"`, '"referenceName": "LS_Missing"');

const factories = [
  // A flat v1 folder holds none of the layout's folders: the extension starts when a JSON file
  // opens, as it does for a user, so the run opens the faulty file first.
  { name: "examples/ml-retraining", ws: example, open: "LabeledTrainingData.json", expected: check(example) },
  { name: `generated, N = 1 000 (${jsonFiles} files)`, ws: generated, open: null, expected: check(generated) },
];
for (const f of factories) {
  assert.equal(f.expected.diagnostics.length, 1, `${f.name}: ${JSON.stringify(f.expected.diagnostics)}`);
}

const hosts = [
  { name: "desktop", settings: {} },
  // What e2e-web.mjs sets: code-server 4.100.3 honours the user's extension kind.
  { name: "web", settings: { "remote.extensionKind": { "adf-language-tools.adf-language-tools": ["web"] } } },
];

const exts = join(work, "exts");
execFileSync(codeServer, ["--extensions-dir", exts, "--user-data-dir", join(work, "ud-install"), "--install-extension", vsix], { stdio: "ignore" });

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
const results = [];
try {
  for (const host of hosts) {
    for (const factory of factories) {
      const samples = [];
      for (let i = 1; i <= runs; i++) {
        const s = await once(host, factory, i);
        console.log(`${host.name} | ${factory.name} | run ${i}: workbench ${secs(s.workbench)}, ${factory.open ? `${factory.open} opened ${secs(s.opened)}, ` : ""}finding in the Problems panel ${secs(s.panel)}, final status-bar counts ${secs(s.status)}`);
        samples.push(s);
      }
      results.push({ host: host.name, factory: factory.name, samples });
    }
  }
} finally {
  await browser.close().catch(() => {});
}
const load1 = loadavg();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log("");
console.log(`Median of ${runs} run(s), seconds from opening the folder in a fresh browser page:`);
console.log("");
console.log("| host | factory | workbench shown | finding in the Problems panel | status bar's final counts |");
console.log("|---|---|---:|---:|---:|");
for (const r of results) {
  const col = (k) => secs(median(r.samples.map((s) => s[k])));
  console.log(`| ${r.host} | ${r.factory} | ${col("workbench")} | ${col("panel")} | ${col("status")} |`);
}
console.log("");
console.log("| .vsix | size |");
console.log("|---|---:|");
for (const [name, p] of [["linux-x64 (native `adf` + wasm)", vsix], ["universal (wasm only)", universal]]) {
  console.log(`| ${name} | ${(statSync(p).size / 1024 / 1024).toFixed(2)} MB (${statSync(p).size} bytes) |`);
}
console.log("");
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}; load average ${load0.map((x) => x.toFixed(2)).join(" ")} at the start, ${load1.map((x) => x.toFixed(2)).join(" ")} at the end`);
console.log(`date: ${new Date().toISOString()}`);
rmSync(work, { recursive: true, force: true });

/** One measured opening: a fresh code-server (its own user data, so no window state carries
 * over from the run before) and a fresh page; the clock starts as the page asks for the folder. */
async function once(host, factory, i) {
  const ud = join(work, `ud-${host.name}-${i}-${Date.now()}`);
  mkdirSync(join(ud, "User"), { recursive: true });
  writeFileSync(join(ud, "User", "settings.json"), JSON.stringify(host.settings, null, 2));
  const port = await freePort();
  const server = spawn(codeServer, [
    "--config", join(work, "config.yaml"), "--user-data-dir", ud, "--extensions-dir", exts,
    "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", factory.ws,
  ], { stdio: ["ignore", "ignore", "ignore"], detached: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await waitFor(async () => { try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok; } catch { return false; } }, 30000, "code-server to listen");
    const page = await context.newPage();
    const want = factory.expected.diagnostics[0];
    const { errors, warnings } = factory.expected.summary;
    const plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
    const statusLabel = `ADF: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    const t0 = Date.now();
    // A flat v1 folder's file opens with the folder, through the workbench's own `openFile`
    // payload: typing into Quick Open before the first file search is ready loses keystrokes,
    // and the retries would be counted as the extension's time.
    const payload = factory.open
      ? `&payload=${encodeURIComponent(JSON.stringify([["openFile", `vscode-remote://127.0.0.1:${port}${join(factory.ws, factory.open)}`]]))}`
      : "";
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(factory.ws)}${payload}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    const workbench = Date.now() - t0;
    // The status bar is watched from here on, so that its time is when it first shows the counts.
    const status = page.locator(`.part.statusbar a.statusbar-item-label[aria-label="${statusLabel}"]`)
      .waitFor({ state: "visible", timeout: patience }).then(() => Date.now() - t0);
    status.catch(() => {});
    if (factory.open) await page.waitForSelector(`.tab.active[aria-label*="${factory.open}"]`, { timeout: 60000 });
    const opened = Date.now() - t0;
    // The workbench's own problems item in the status bar opens the panel with a click: the
    // command palette, typed into while the workbench still loads, drops keystrokes and its
    // retries would be counted as the extension's time.
    await waitFor(async () => {
      if (await page.locator(".markers-panel").isVisible()) return true;
      await page.locator("#status\\.problems").click({ timeout: 5000 }).catch(() => {});
      return page.locator(".markers-panel").isVisible();
    }, 60000, "the Problems panel to open");
    await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), patience);
    const panel = Date.now() - t0;
    const statusAt = await status;
    // Which server answered matters to the table: the web host must not have a native adf.
    const natives = spawnSync("pgrep", ["-f", `${exts}.*/server/linux-x64/adf`], { encoding: "utf8" }).stdout.trim();
    assert.equal(natives !== "", host.name === "desktop", `${host.name}: native adf ${natives ? "runs" : "does not run"}`);
    return { workbench, opened, panel, status: statusAt };
  } finally {
    await context.close().catch(() => {});
    // Its own process group: the extension hosts and the native server it started go with it,
    // and none is left to load the next run.
    const exited = new Promise((r) => server.exitCode !== null ? r() : server.once("exit", r));
    try { process.kill(-server.pid, "SIGTERM"); } catch {}
    await exited;
    await new Promise((r) => setTimeout(r, 1000));
    try { process.kill(-server.pid, "SIGKILL"); } catch {}
    rmSync(ud, { recursive: true, force: true });
  }
}

function check(dir) {
  const r = spawnSync(adf, ["check", "--format", "json", "."], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

function plant(file, from, to) {
  const text = readFileSync(file, "utf8");
  const planted = text.replace(from, to);
  assert.notEqual(planted, text, `the planted fault did not apply to ${file}`);
  writeFileSync(file, planted);
}

function secs(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
