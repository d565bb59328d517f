// The extension's web entry end to end: code-server 4.100.3 with the .vsix installed and the
// user setting `remote.extensionKind` asking for the `web` kind, so that the workbench runs the
// extension's `browser` entry (dist/browser.js: the wasm engine on a MessageChannel) in its web
// worker extension host instead of the extension's `main` in the server's Node host. Driven
// through Debian's Chromium by playwright-core, on a copy of examples/ml-retraining with a
// planted broken reference. Usage: node test/e2e-web.mjs VSIX
//
// With `--node` and the universal .vsix (no native binary inside), the same assertions hold for
// the desktop's fallback: the extension's `main` in the Node host runs the same wasm server in
// Node (dist/server-node.js) where no binary exists for the platform.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { freePort, languageMode, norm, openFile, problemRows, runCommand, serverAsk, waitFor, waitForFrame } from "./workbench.mjs";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, "..");
const repo = join(ext, "..");
const nodeHost = process.argv.includes("--node");
const vsix = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? join(ext, "adf-language-tools-linux-x64.vsix");
const label = nodeHost ? "e2e-node-fallback" : "e2e-web";
const codeServer = join(ext, ".code-server", "node_modules", ".bin", "code-server");
const adf = process.env.ADF_BINARY ?? join(repo, "target", "release", "adf");
for (const p of [vsix, codeServer, adf, "/usr/bin/chromium"]) {
  if (!existsSync(p)) throw new Error(`${p} missing (scripts/test-extension.sh builds and installs what the test needs)`);
}
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), `adf-vscode-${label}-`));
const artefacts = join(work, "artefacts");
mkdirSync(artefacts);
console.log(`artefacts: ${artefacts}`);

// The workspace of the desktop run: the example with a dataset naming a linked service that
// does not exist, and JSON that is not the factory's.
const ws = join(work, "ml-retraining");
cpSync(join(repo, "examples", "ml-retraining"), ws, { recursive: true });
const dataset = join(ws, "LabeledTrainingData.json");
const original = readFileSync(dataset, "utf8");
const planted = original.replace('"linkedServiceName": "BlobStorage"', '"linkedServiceName": "ArchiveStorage"');
assert.notEqual(planted, original, "the planted fault did not apply");
writeFileSync(dataset, planted);
mkdirSync(join(ws, ".vscode"));
writeFileSync(join(ws, ".vscode", "settings.json"), '{\n  "editor.tabSize": 4\n}\n');
mkdirSync(join(ws, "config"));
// An app's settings in a folder Data Factory never reads: not the factory's, no finding.
writeFileSync(join(ws, "config", "app-settings.json"), '{\n  "name": "scorer",\n  "properties": { "type": "console", "retries": 3 }\n}\n');

// A v2 pipeline with an expression, for "ADF: Evaluate Expression with Inputs…" (no findings).
mkdirSync(join(ws, "pipeline"));
const dailyText = JSON.stringify({
  name: "DailyPath",
  properties: {
    parameters: { day: { type: "string", defaultValue: "2026-01-01" }, n: { type: "int" } },
    variables: { out: { type: "String" } },
    activities: [{
      name: "KeepPath",
      type: "SetVariable",
      typeProperties: { variableName: "out", value: "@concat(pipeline().parameters.day, '/', string(pipeline().parameters.n))" },
    }],
  },
}, null, 4) + "\n";
writeFileSync(join(ws, "pipeline", "DailyPath.json"), dailyText);

const checked = spawnSync(adf, ["check", "--format", "json", "."], { cwd: ws, encoding: "utf8" });
assert.equal(checked.status, 1, checked.stderr);
const expected = JSON.parse(checked.stdout).diagnostics;
assert.equal(expected.length, 1, JSON.stringify(expected));

const port = await freePort();
const D = join(work, "cs");
const common = ["--config", join(D, "config.yaml"), "--user-data-dir", join(D, "ud"), "--extensions-dir", join(D, "exts")];
execFileSync(codeServer, [...common, "--install-extension", vsix], { stdio: "inherit" });
// The user's settings (code-server keeps them on the server): the extension's kind is `web`.
if (!nodeHost) {
  mkdirSync(join(D, "ud", "User"), { recursive: true });
  writeFileSync(join(D, "ud", "User", "settings.json"), JSON.stringify({
    "remote.extensionKind": { "adf-language-tools.adf-language-tools": ["web"] },
  }, null, 2));
}

const server = spawn(codeServer, [
  ...common, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
  "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws,
], { stdio: ["ignore", "pipe", "pipe"] });
let serverLog = "";
server.stdout.on("data", (d) => { serverLog += d; });
server.stderr.on("data", (d) => { serverLog += d; });

let browser;
let failed = false;
const consoleLines = [];
try {
  await waitFor(async () => { try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok; } catch { return false; } }, 30000, "code-server to listen");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // The web worker's extension host logs to the page's console.
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("worker", (w) => consoleLines.push(`worker: ${w.url()}`));
  const opened = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page.waitForTimeout(2000);

  // 0. The server that answers is the wasm one, in the web worker (the browser entry) or in
  // Node (the desktop's fallback): its output channel says so, and no native `adf` runs.
  await openFile(page, "LabeledTrainingData.json");
  await runCommand(page, "ADF: Show Server Output");
  const says = nodeHost ? "dist/server-node.js (wasm)" : "the wasm engine in the extension host's worker";
  await page.locator(".part.panel .monaco-editor", { hasText: says }).first()
    .waitFor({ state: "visible", timeout: 30000 });
  if (!nodeHost) {
    assert.ok(consoleLines.some((l) => l.includes("web worker extension host is started")), "no web worker extension host");
  }
  const natives = spawnSync("pgrep", ["-f", `${join(D, "exts")}.*/server/linux-x64/adf`], { encoding: "utf8" }).stdout.trim();
  assert.equal(natives, "", "a native adf runs: the extension is in the Node host");

  // 1. The planted fault in the Problems panel, with adf's message, location and rule link,
  // and nothing from any other source.
  await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
  const want = expected[0];
  await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), 60000);
  // For the benchmark table: a v1 folder activates the extension when a JSON file opens.
  console.log(`${label}: ${((Date.now() - opened) / 1000).toFixed(1)} s from opening the folder (and one file) to the finding in the Problems panel`);
  await page.waitForTimeout(3000);
  const rows = await problemRows(page, () => true, 1000);
  console.log(`Problems panel (${label}):`, JSON.stringify(rows.map((r) => r.aria)));
  const markers = rows.filter((r) => !r.aria.includes(" problems in file "));
  assert.equal(markers.length, expected.length, `the panel should list exactly adf's findings: ${JSON.stringify(rows)}`);
  assert.ok(markers[0].text.includes(want.message), markers[0].text);
  assert.ok(markers[0].text.includes(`[Ln ${want.line}, Col ${want.column}]`), markers[0].text);
  assert.ok(markers[0].aria.startsWith("Error: "), markers[0].aria);
  assert.ok(/\badf\b/.test(markers[0].text) && markers[0].text.includes(want.rule), markers[0].text);
  assert.ok(markers[0].links.some((h) => h.includes(`/docs/rules/${want.rule}.md`)), JSON.stringify(markers[0].links));
  assert.equal(await languageMode(page), "ADF JSON", "a v1 entity is switched to the factory language");
  // The status bar (registered by this entry too) counts what `adf check --format json` counts.
  const { errors: wantErrors, warnings: wantWarnings } = JSON.parse(checked.stdout).summary;
  const plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const statusLabel = `ADF: ${plural(wantErrors, "error")}, ${plural(wantWarnings, "warning")}`;
  await page.locator(`.part.statusbar a.statusbar-item-label[aria-label="${statusLabel}"]`)
    .waitFor({ state: "visible", timeout: 30000 })
    .catch(async (e) => { console.error("status bar:", await page.locator(".part.statusbar").innerText()); throw e; });
  console.log(`${label}: status bar ${statusLabel}`);
  await page.screenshot({ path: join(artefacts, `${label}-problems.png`) });

  // 1a. The graph webview (the server's adf/graph) draws the entities `adf graph` lists, and a
  // click on a node opens its file under the workspace's own scheme.
  const { graphEntities } = createRequire(import.meta.url)("../out/commandLogic.js");
  const cliGraph = spawnSync(adf, ["graph", "--format", "json", "."], { cwd: ws, encoding: "utf8" });
  assert.equal(cliGraph.status, 0, cliGraph.stderr);
  await runCommand(page, "ADF: Show Dependency Graph");
  const graphFrame = await waitForFrame(page, "svg.graph g.node", 30000);
  const drawn = (await graphFrame.$$eval("svg.graph g.node > title", (ts) => ts.map((t) => t.textContent.split("\n")[0]))).sort();
  console.log(`${label}: graph webview`, JSON.stringify(drawn));
  assert.deepEqual(drawn, graphEntities(JSON.parse(cliGraph.stdout)));
  await graphFrame.locator("svg.graph g.node", { hasText: "WeeklyRetraining" }).first().click();
  await page.waitForSelector('.tab.active[aria-label*="WeeklyRetraining.json"]', { timeout: 15000 });

  // 1b. "ADF: Restart Server" starts a new session (a new server on a new channel in the
  // worker), and the finding comes back.
  await runCommand(page, "ADF: Restart Server");
  await page.waitForTimeout(1000);
  await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
  await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), 30000);

  // 1c. Files changed on disk reach the server through the file watcher: a linked service of
  // the missing name appears, the finding goes; it is deleted, the finding comes back.
  const added = join(ws, "ArchiveStorage.json");
  writeFileSync(added, readFileSync(join(ws, "BlobStorage.json"), "utf8").replace('"name": "BlobStorage"', '"name": "ArchiveStorage"'));
  await problemRows(page, (rows) => !rows.some((r) => r.text.includes(want.message)), 30000);
  rmSync(added);
  await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), 30000);

  // 2. Hover on a pipeline property shows the native server's documentation of it.
  await openFile(page, "WeeklyRetraining.json");
  const pipeline = join(ws, "WeeklyRetraining.json");
  const pipelineText = readFileSync(pipeline, "utf8");
  const lineNo = pipelineText.split("\n").findIndex((l) => l.includes('"description"'));
  const hover = await serverAsk(adf, ws, pipeline, pipelineText, "textDocument/hover",
    { line: lineNo, character: pipelineText.split("\n")[lineNo].indexOf('"description"') + 2 });
  const wantHover = (hover.result?.contents?.value ?? "").replace(/[*`]/g, "").trim();
  assert.ok(wantHover.startsWith("description:"), wantHover);
  const token = page.locator(".editor-instance .view-lines span", { hasText: /^"?description"?$/ }).first();
  await token.waitFor({ state: "visible", timeout: 15000 });
  let hoverText = "";
  await waitFor(async () => {
    await token.hover();
    await page.waitForTimeout(400);
    hoverText = await page.$$eval(".monaco-hover .hover-contents, .monaco-hover .rendered-markdown", (els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => e.innerText).join("\n")).catch(() => "");
    return norm(hoverText).includes(norm(wantHover));
  }, 20000, `the hover "${wantHover}"`).catch((e) => { console.error("hover shown:", hoverText); throw e; });
  await page.screenshot({ path: join(artefacts, `${label}-hover.png`) });
  await page.keyboard.press("Escape");

  // 3. F12 on an activity's linkedServiceName opens the linked service's file.
  const reference = page.locator(".editor-instance .view-lines span", { hasText: /^"?RetrainingService"?$/ }).first();
  await reference.waitFor({ state: "visible", timeout: 15000 });
  await reference.click();
  await page.keyboard.press("F12");
  await page.waitForSelector('.tab.active[aria-label*="RetrainingService.json"]', { timeout: 15000 });

  // 4. JSON that is not the factory's stays plain JSON, with no finding of adf.
  await openFile(page, "settings.json", ".vscode");
  const mode = await languageMode(page);
  assert.ok(mode === "JSON" || mode === "JSON with Comments", `.vscode/settings.json opened as ${mode}`);
  await page.waitForTimeout(1500);
  const after = await problemRows(page, () => true, 1000);
  assert.equal(after.filter((r) => !r.aria.includes(" problems in file ")).length, expected.length, JSON.stringify(after));

  // 4a. "ADF: Evaluate Expression with Inputs…" through the wasm server's adf.evaluate: one
  // input box per input, prefilled with its default, then the value in a message.
  await openFile(page, "DailyPath.json", "pipeline");
  const dailyLines = dailyText.split("\n");
  const exprLine = dailyLines.findIndex((l) => l.includes("@concat"));
  await page.keyboard.press("Control+G");
  const box = page.locator(".quick-input-widget input");
  await box.waitFor({ state: "visible", timeout: 5000 });
  await box.fill(`:${exprLine + 1}:${dailyLines[exprLine].indexOf("@concat") + 4}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  await runCommand(page, "ADF: Evaluate Expression with Inputs…");
  const answer = async (title, prefilled, text) => {
    await page.locator(".quick-input-widget", { hasText: title }).waitFor({ state: "visible", timeout: 15000 });
    await waitFor(async () => (await box.inputValue()) === prefilled, 5000, `${title} prefilled with ${prefilled}`);
    await box.fill(text);
    await box.press("Enter");
  };
  await answer("pipeline().parameters.day", '"2026-01-01"', "Mon");
  await answer("pipeline().parameters.n", "", "3");
  await page.locator(".notifications-toasts", { hasText: 'ADF: value "Mon/3"' }).waitFor({ state: "visible", timeout: 15000 });
  await page.screenshot({ path: join(artefacts, `${label}-evaluate.png`) });

  // 5. Renaming the dataset (F2 on its name) renames its references in the pipeline too.
  await openFile(page, "LabeledTrainingData.json");
  const nameToken = page.locator(".editor-instance .view-lines span", { hasText: /^"?LabeledTrainingData"?$/ }).first();
  await nameToken.waitFor({ state: "visible", timeout: 15000 });
  await nameToken.click();
  await page.keyboard.press("F2");
  const renameBox = page.locator(".rename-box input").first();
  await renameBox.waitFor({ state: "visible", timeout: 10000 });
  await renameBox.fill("LabeledExamples");
  await page.keyboard.press("Enter");
  await page.locator(".editor-instance .view-lines .view-line", { hasText: '"name": "LabeledExamples"' }).first()
    .waitFor({ state: "visible", timeout: 10000 });
  await openFile(page, "WeeklyRetraining.json");
  await page.locator(".editor-instance .view-lines .view-line", { hasText: '"webServiceInput": "LabeledExamples"' }).first()
    .waitFor({ state: "visible", timeout: 10000 });

  // 6. Completion inside the dataset's typeProperties: what the native server offers there is
  // in the list, and accepting it inserts it (last: the edit leaves the file changed).
  const lines = planted.split("\n");
  const at = lines.findIndex((l) => l.includes('"fileName": "labeled-examples.csv"'));
  const indent = lines[at].match(/^\s*/)[0];
  const edited = [...lines.slice(0, at + 1), `${indent}""`, ...lines.slice(at + 1)].join("\n");
  const offered = await serverAsk(adf, ws, dataset, edited, "textDocument/completion", { line: at + 1, character: indent.length + 1 });
  const items = Array.isArray(offered.result) ? offered.result : offered.result?.items ?? [];
  assert.ok(items.length > 0, JSON.stringify(offered));
  const pick = items[0].label;
  await openFile(page, "LabeledTrainingData.json");
  const line = page.locator(".editor-instance .view-lines .view-line", { hasText: '"fileName": "labeled-examples.csv"' }).first();
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type('"');
  await page.keyboard.press("Control+Space");
  const suggestion = page.locator(".suggest-widget .monaco-list-row", { hasText: pick }).first();
  await suggestion.waitFor({ state: "visible", timeout: 15000 });
  await page.screenshot({ path: join(artefacts, `${label}-completion.png`) });
  await suggestion.click();
  await page.locator(".editor-instance .view-lines .view-line", { hasText: `"${pick}"` }).first()
    .waitFor({ state: "visible", timeout: 10000 });

  // 7. No error of this extension in the worker's log (the page's console).
  const ours = consoleLines.filter((l) => l.startsWith("error") && /adf-language-tools|ADF Language/i.test(l));
  assert.deepEqual(ours, [], "errors naming the extension in the web worker extension host");
  console.log(`${label}: all assertions passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  failed = true;
  console.error(`${label} FAILED (artefacts: ${artefacts})`);
  console.error(e);
  const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
  if (pages[0]) await pages[0].screenshot({ path: join(artefacts, `${label}-failure.png`) }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  server.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  if (server.exitCode === null) server.kill("SIGKILL");
  writeFileSync(join(artefacts, "code-server.log"), serverLog);
  writeFileSync(join(artefacts, "browser-console.log"), consoleLines.join("\n"));
}
if (!failed) {
  for (const name of readdirSync(work)) {
    if (name !== "artefacts") rmSync(join(work, name), { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
