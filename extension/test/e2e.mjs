// End to end in a real VS Code workbench: code-server 4.100.3 (VS Code 1.100.3) with the .vsix
// installed, a copy of examples/ml-retraining with a planted broken reference, Debian's
// Chromium driven by playwright-core. Usage: node test/e2e.mjs VSIX
// Artefacts (the extension host log, screenshots) stay in the folder printed at the start.
// ADF_E2E_SCREENSHOTS=1 also copies the screenshots the marketplace README shows into images/.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { findFiles, freePort, languageMode, norm, openFile, problemRows, runCommand, waitFor, waitForFrame } from "./workbench.mjs";


const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, "..");
const repo = join(ext, "..");
const { graphEntities } = createRequire(import.meta.url)("../out/commandLogic.js");
const started = Date.now();
const vsix = process.argv[2] ?? join(ext, "adf-language-tools-linux-x64.vsix");
const codeServer = join(ext, ".code-server", "node_modules", ".bin", "code-server");
const adf = process.env.ADF_BINARY ?? join(repo, "target", "release", "adf");
for (const p of [vsix, codeServer, adf, "/usr/bin/chromium"]) {
  if (!existsSync(p)) throw new Error(`${p} missing (scripts/test-extension.sh builds and installs what the test needs)`);
}

const work = mkdtempSync(join(tmpdir(), "adf-vscode-e2e-"));
const artefacts = join(work, "artefacts");
mkdirSync(artefacts);
console.log(`artefacts: ${artefacts}`);

// The workspace: the README's example with a dataset naming a linked service that does not
// exist, plus JSON that is not the factory's.
const ws = join(work, "ml-retraining");
cpSync(join(repo, "examples", "ml-retraining"), ws, { recursive: true });
const dataset = join(ws, "LabeledTrainingData.json");
const original = readFileSync(dataset, "utf8");
const planted = original.replace('"linkedServiceName": "BlobStorage"', '"linkedServiceName": "ArchiveStorage"');
assert.notEqual(planted, original, "the planted fault did not apply");
writeFileSync(dataset, planted);
mkdirSync(join(ws, ".vscode"));
writeFileSync(join(ws, ".vscode", "settings.json"), '{\n  "editor.tabSize": 4\n}\n');
// An app's configuration in a folder below the (flat, v1) factory folder: Data Factory never
// reads that folder, and the core leaves it out too, with default settings.
mkdirSync(join(ws, "config"));
writeFileSync(join(ws, "config", "app-settings.json"), '{\n  "name": "scorer",\n  "properties": { "type": "console", "retries": 3 }\n}\n');
// The user's own adf.toml, which "ADF: Create adf.toml" must leave alone.
writeFileSync(join(ws, "adf.toml"), "# this factory's settings: none yet\n");

// A v2 factory in git layout, with tooling JSON of its own at the root: the extension starts
// from workspaceContains alone and the findings of files never opened reach the panel.
const ws2 = join(work, "orders-factory");
cpSync(join(here, "fixtures", "orders-factory"), ws2, { recursive: true });
const curated = join(ws2, "dataset", "CuratedOrders.json");
const curatedText = readFileSync(curated, "utf8");
const planted2 = curatedText.replace('"referenceName": "LandingStorage"', '"referenceName": "CuratedLake"');
assert.notEqual(planted2, curatedText, "the second planted fault did not apply");
writeFileSync(curated, planted2);
// A pipeline with an expression for "ADF: Evaluate Expression with Inputs…" (no findings).
const dailyPath = {
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
};
const dailyText = JSON.stringify(dailyPath, null, 4) + "\n";
writeFileSync(join(ws2, "pipeline", "DailyPath.json"), dailyText);
const checked2 = spawnSync(adf, ["check", "--format", "json", "."], { cwd: ws2, encoding: "utf8" });
assert.equal(checked2.status, 1, checked2.stderr);
const expected2 = JSON.parse(checked2.stdout).diagnostics;
assert.equal(expected2.length, 1, JSON.stringify(expected2));
assert.equal(expected2[0].file, "dataset/CuratedOrders.json");

// What the CLI finds is what the Problems panel must list.
// (It exits 1: the factory has an error.)
const checked = spawnSync(adf, ["check", "--format", "json", "."], { cwd: ws, encoding: "utf8" });
assert.equal(checked.status, 1, checked.stderr);
const cli = JSON.parse(checked.stdout);
const expected = cli.diagnostics;
assert.equal(expected.length, 1, JSON.stringify(expected));
assert.equal(expected[0].rule, "unresolved-reference");

const port = await freePort();
const D = join(work, "cs");
const common = ["--config", join(D, "config.yaml"), "--user-data-dir", join(D, "ud"), "--extensions-dir", join(D, "exts")];
execFileSync(codeServer, [...common, "--install-extension", vsix], { stdio: "inherit" });

const server = spawn(codeServer, [
  ...common, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
  "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws,
], { stdio: ["ignore", "pipe", "pipe"], detached: false });
let serverLog = "";
server.stdout.on("data", (d) => { serverLog += d; });
server.stderr.on("data", (d) => { serverLog += d; });

let browser;
let failed = false;
try {
  await waitFor(async () => { try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok; } catch { return false; } }, 30000, "code-server to listen");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page.waitForTimeout(2000);

  // 1. The planted fault, in the Problems panel, with adf's message and location, and nothing
  // from any other source (VS Code's JSON service would otherwise report the v1 `$schema` URLs
  // it cannot download).
  await openFile(page, "LabeledTrainingData.json");
  await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
  const want = expected[0];
  await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), 60000);
  // Give slower services (the JSON schema download, a second adf pass) time to add noise.
  await page.waitForTimeout(3000);
  const rows = await problemRows(page, () => true, 1000);
  console.log("Problems panel:", JSON.stringify(rows.map((r) => r.aria)));
  const markers = rows.filter((r) => !r.aria.includes(" problems in file "));
  assert.equal(markers.length, expected.length, `the panel should list exactly adf's findings: ${JSON.stringify(rows)}`);
  const marker = markers[0];
  assert.ok(marker.text.includes(want.message), marker.text);
  assert.ok(marker.text.includes(`[Ln ${want.line}, Col ${want.column}]`), marker.text);
  assert.ok(marker.aria.startsWith("Error: "), marker.aria);
  assert.ok(/\badf\b/.test(marker.text) && marker.text.includes(want.rule), `source adf and rule ${want.rule}: ${marker.text}`);
  assert.ok(marker.links.some((h) => h.includes(`/docs/rules/${want.rule}.md`)), `rule link: ${marker.html}`);
  const files = rows.filter((r) => r.aria.includes(" problems in file ")).map((r) => r.aria);
  assert.deepEqual(files.length, 1, JSON.stringify(files));
  assert.ok(files[0].includes("LabeledTrainingData.json"), files[0]);
  assert.equal(await languageMode(page), "ADF JSON", "a v1 entity is switched to the factory language");
  await page.screenshot({ path: join(artefacts, "problems.png") });

  // 2. Hover on a pipeline property shows adf's documentation of it: the text the server
  // answers over stdio for the same position.
  await openFile(page, "WeeklyRetraining.json");
  const pipelineText = readFileSync(join(ws, "WeeklyRetraining.json"), "utf8");
  const lineNo = pipelineText.split("\n").findIndex((l) => l.includes('"description"'));
  const docs = await serverHover(join(ws, "WeeklyRetraining.json"), lineNo, pipelineText.split("\n")[lineNo].indexOf('"description"') + 2);
  const wantHover = docs.replace(/[*`]/g, "").trim();
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
  console.log("hover:", norm(hoverText));
  await page.screenshot({ path: join(artefacts, "hover.png") });
  await page.keyboard.press("Escape");

  // 2b. F12 on a v1 activity's bare linkedServiceName opens the linked service's file.
  const reference = page.locator(".editor-instance .view-lines span", { hasText: /^"?RetrainingService"?$/ }).first();
  await reference.waitFor({ state: "visible", timeout: 15000 });
  await reference.click();
  await page.keyboard.press("F12");
  await page.waitForSelector('.tab.active[aria-label*="RetrainingService.json"]', { timeout: 15000 });

  // 3. JSON that is not the factory's stays plain JSON: the extension gives it nothing.
  for (const [folder, name] of [[".vscode", "settings.json"], ["config", "app-settings.json"]]) {
    await openFile(page, name, folder);
    const mode = await languageMode(page);
    assert.ok(mode === "JSON" || mode === "JSON with Comments", `${folder}/${name} opened as ${mode}`);
  }
  await page.waitForTimeout(2000);
  const after = await problemRows(page, () => true, 1000);
  assert.ok(!after.some((r) => r.aria.includes("settings.json")), JSON.stringify(after));
  assert.equal(after.filter((r) => !r.aria.includes(" problems in file ")).length, expected.length, JSON.stringify(after));

  // 4. The commands: the output channel, then a restart that brings the findings back.
  await runCommand(page, "ADF: Show Server Output");
  await page.locator(".output-view, .part.panel .monaco-editor", { hasText: "adf server:" }).first()
    .waitFor({ state: "visible", timeout: 10000 });
  await runCommand(page, "ADF: Restart Server");
  await waitFor(async () => {
    const log = findFiles(join(D, "ud", "logs"), (p) => p.endsWith("ADF Language Server.log"));
    return log.length === 1 && (readFileSync(log[0], "utf8").match(/^adf server: /gm) ?? []).length === 2;
  }, 20000, "the server to start a second time");
  await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
  await problemRows(page, (rows) => rows.some((r) => r.text.includes(want.message)), 30000);
  // An adf.toml is there already: "Create adf.toml" leaves it as it is and says so.
  const toml = readFileSync(join(ws, "adf.toml"), "utf8");
  await runCommand(page, "ADF: Create adf.toml");
  await page.locator(".notifications-toasts", { hasText: "exists already; not overwriting it" })
    .waitFor({ state: "visible", timeout: 15000 });
  assert.equal(readFileSync(join(ws, "adf.toml"), "utf8"), toml);

  // 5. The git-layout factory in a second window: no file opened, the panel fills anyway.
  // (Windows stay open until the logs are read: a window closed with a request in flight makes
  // every language client, VS Code's JSON one too, log "Channel has been closed".)
  const page2 = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page2.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws2)}`);
  await page2.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page2.waitForTimeout(2000);
  await runCommand(page2, "ADF: Check Whole Factory");
  await page2.locator(".markers-panel").waitFor({ state: "visible", timeout: 30000 });
  const want2 = expected2[0];
  await problemRows(page2, (rows) => rows.some((r) => r.text.includes(want2.message)), 60000);
  await page2.waitForTimeout(3000);
  const rows2 = await problemRows(page2, () => true, 1000);
  console.log("Problems panel (git layout):", JSON.stringify(rows2.map((r) => r.aria)));
  const markers2 = rows2.filter((r) => !r.aria.includes(" problems in file "));
  assert.equal(markers2.length, 1, JSON.stringify(rows2));
  assert.ok(markers2[0].text.includes(`[Ln ${want2.line}, Col ${want2.column}]`), markers2[0].text);
  assert.ok(markers2[0].text.includes(want2.rule), markers2[0].text);
  for (const name of ["tsconfig.json", "package.json"]) {
    await openFile(page2, name);
    const mode = await languageMode(page2);
    assert.ok(mode === "JSON" || mode === "JSON with Comments", `${name} opened as ${mode}`);
  }
  await openFile(page2, "CuratedOrders.json", "dataset");
  assert.equal(await languageMode(page2), "ADF JSON", "a file under dataset/ opens as ADF JSON");
  await page2.waitForTimeout(1500);
  // Offline, VS Code's JSON service warns that it cannot download the schemastore schemas of
  // package.json and tsconfig.json: its own business on files that are not the factory's. What
  // matters: adf says nothing there, and the factory's files hold adf's finding only.
  const groups = byFile(await problemRows(page2, () => true, 1000));
  console.log("Problems panel (git layout, files opened):", JSON.stringify(groups));
  for (const g of groups) {
    const fromAdf = g.markers.filter((m) => m.endsWith("generated by adf"));
    if (g.file === "CuratedOrders.json") assert.equal(fromAdf.length, g.markers.length, JSON.stringify(g));
    else assert.deepEqual(fromAdf, [], `adf reported on ${g.file}`);
  }
  assert.equal(groups.find((g) => g.file === "CuratedOrders.json")?.markers.length, 1, JSON.stringify(groups));
  await page2.screenshot({ path: join(artefacts, "problems-git-layout.png") });

  // 5a. The status bar counts what `adf check --format json` counts on the same folder.
  const { errors: wantErrors, warnings: wantWarnings } = JSON.parse(checked2.stdout).summary;
  const plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const statusLabel = `ADF: ${plural(wantErrors, "error")}, ${plural(wantWarnings, "warning")}`;
  const statusItem = page2.locator(`.part.statusbar a.statusbar-item-label[aria-label="${statusLabel}"]`);
  await statusItem.waitFor({ state: "visible", timeout: 30000 })
    .catch(async (e) => { console.error("status bar:", await page2.locator(".part.statusbar").innerText()); throw e; });
  console.log("status bar:", statusLabel, JSON.stringify(await statusItem.innerText()));
  // A click on it brings the Problems panel back.
  await runCommand(page2, "View: Toggle Panel Visibility");
  await page2.locator(".markers-panel").waitFor({ state: "hidden", timeout: 10000 });
  await statusItem.click();
  await page2.locator(".markers-panel").waitFor({ state: "visible", timeout: 10000 });

  // 5c. The graph webview draws the entities `adf graph` lists on the same folder, and a click
  // on a node opens its file.
  const cliGraph = spawnSync(adf, ["graph", "--format", "json", "."], { cwd: ws2, encoding: "utf8" });
  assert.equal(cliGraph.status, 0, cliGraph.stderr);
  const wantEntities = graphEntities(JSON.parse(cliGraph.stdout));
  await runCommand(page2, "ADF: Show Dependency Graph");
  const graphFrame = await waitForFrame(page2, "svg.graph g.node", 30000);
  // A node's title is "Kind Name" then its path (labels are cut at 20 characters).
  const drawn = (await graphFrame.$$eval("svg.graph g.node > title", (ts) => ts.map((t) => t.textContent.split("\n")[0]))).sort();
  console.log("graph webview:", JSON.stringify(drawn));
  assert.deepEqual(drawn, wantEntities);
  await page2.screenshot({ path: join(artefacts, "graph.png") });
  await graphFrame.locator("svg.graph g.node", { hasText: "CopyOrders" }).first().click();
  await page2.waitForSelector('.tab.active[aria-label*="CopyOrders.json"]', { timeout: 15000 });

  // 5d. References of a dataset: the places `adf lsp` answers, listed by the peek view.
  await openFile(page2, "RawOrders.json", "dataset");
  const rawPath = join(ws2, "dataset", "RawOrders.json");
  const rawText = readFileSync(rawPath, "utf8");
  const nameLine = rawText.split("\n").findIndex((l) => l.includes('"RawOrders"'));
  const refs = await serverAsk(rawPath, rawText, "textDocument/references",
    { line: nameLine, character: rawText.split("\n")[nameLine].indexOf('"RawOrders"') + 2 },
    { context: { includeDeclaration: true } });
  const wantRefs = (refs.result ?? []).map((l) => `${relative(ws2, fileURLToPath(l.uri))}:${l.range.start.line + 1}`).sort();
  console.log("adf lsp references:", JSON.stringify(wantRefs));
  assert.ok(wantRefs.some((r) => r.startsWith("pipeline/")), JSON.stringify(refs));
  // The cursor goes inside the name by line and column (a click on a token may land in another
  // editor of the group that shows the same word).
  const nameColumn = rawText.split("\n")[nameLine].indexOf('"RawOrders"') + 3;
  const toName = async () => {
    await page2.keyboard.press("Control+G");
    const input = page2.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: 5000 });
    await input.fill(`:${nameLine + 1}:${nameColumn}`);
    await page2.keyboard.press("Enter");
    await page2.waitForTimeout(300);
  };
  await toName();
  await page2.keyboard.press("Shift+F12");
  // With the name's own place left out, one reference remains: VS Code goes straight to it
  // instead of peeking; with more it lists them in the peek view.
  const other = refs.result.find((l) => l.uri.endsWith("/pipeline/CopyOrders.json"));
  const otherAt = `Ln ${other.range.start.line + 1}, Col ${other.range.start.character + 1}`;
  let landed = "";
  await waitFor(async () => {
    if (await page2.locator(".peekview-widget .ref-tree").isVisible()) {
      const rows = await page2.$$eval(".peekview-widget .ref-tree .monaco-list-row", (els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
      landed = `peek: ${JSON.stringify(rows)}`;
      return rows.some((r) => r.includes("CopyOrders.json"));
    }
    const tab = await page2.locator(".tab.active").getAttribute("aria-label").catch(() => "");
    landed = `${tab} ${await page2.locator("#status\\.editor\\.selection").innerText().catch(() => "")}`;
    return tab.includes("CopyOrders.json") && landed.includes(otherAt);
  }, 15000, `the references (${otherAt} in CopyOrders.json)`).catch((e) => { console.error("references shown:", landed); throw e; });
  console.log("references in the workbench:", landed);
  await page2.screenshot({ path: join(artefacts, "references.png") });
  await page2.keyboard.press("Escape");

  // 5e. Renaming the dataset renames its references and, in the git layout, its file.
  await page2.keyboard.press("Escape");
  await openFile(page2, "RawOrders.json", "dataset");
  await toName();
  await page2.keyboard.press("F2");
  const renameInput = page2.locator(".rename-box input").first();
  await renameInput.waitFor({ state: "visible", timeout: 10000 });
  await page2.waitForFunction(() => document.activeElement?.closest(".rename-box") !== null, null, { timeout: 10000 });
  await renameInput.fill("SourceOrders");
  await renameInput.press("Enter");
  await page2.waitForSelector('.tab.active[aria-label*="SourceOrders.json"]', { timeout: 15000 });
  await runCommand(page2, "File: Save All Files");
  const renamed = join(ws2, "dataset", "SourceOrders.json");
  await waitFor(async () => existsSync(renamed) && !existsSync(rawPath)
    && readFileSync(join(ws2, "pipeline", "CopyOrders.json"), "utf8").includes('"referenceName": "SourceOrders"'), 15000, "the rename on disk");
  assert.ok(readFileSync(renamed, "utf8").includes('"name": "SourceOrders"'));
  assert.ok(!readFileSync(join(ws2, "pipeline", "CopyOrders.json"), "utf8").includes("RawOrders"));
  const afterRename = spawnSync(adf, ["check", "--format", "json", "."], { cwd: ws2, encoding: "utf8" });
  assert.deepEqual(JSON.parse(afterRename.stdout).diagnostics, expected2, "the rename left the factory as it was");
  await openFile(page2, "CuratedOrders.json", "dataset");

  // 5b. Completion inside a location's properties offers what the server offers there, and
  // accepting it inserts the property.
  const lines = planted2.split("\n");
  const at = lines.findIndex((l) => l.includes('"container": "curated"'));
  const indent = lines[at].match(/^\s*/)[0];
  // What the editor will hold: a new line after `container` with `""` (the quote auto-closed).
  const edited = [...lines.slice(0, at + 1), `${indent}""`, ...lines.slice(at + 1)].join("\n");
  const offered = await serverAsk(curated, edited, "textDocument/completion", { line: at + 1, character: indent.length + 1 });
  const items = Array.isArray(offered.result) ? offered.result : offered.result?.items ?? [];
  console.log("adf lsp completion:", JSON.stringify(items.map((i) => i.label)));
  assert.ok(items.length > 0, JSON.stringify(offered));
  const pick = items[0].label;
  const line = page2.locator(".editor-instance .view-lines .view-line", { hasText: '"container": "curated"' }).first();
  await line.click();
  await page2.keyboard.press("End");
  await page2.keyboard.press("Enter");
  await page2.keyboard.type('"');
  await page2.keyboard.press("Control+Space");
  const suggestion = page2.locator(".suggest-widget .monaco-list-row", { hasText: pick }).first();
  await suggestion.waitFor({ state: "visible", timeout: 15000 });
  await page2.screenshot({ path: join(artefacts, "completion.png") });
  await suggestion.click();
  await page2.locator(".editor-instance .view-lines .view-line", { hasText: `"${pick}"` }).first()
    .waitFor({ state: "visible", timeout: 10000 });

  // 5f. "Create adf.toml" writes the core's commented starter at the factory root and opens it.
  assert.ok(!existsSync(join(ws2, "adf.toml")));
  await runCommand(page2, "ADF: Create adf.toml");
  await page2.waitForSelector('.tab.active[aria-label*="adf.toml"]', { timeout: 15000 });
  assert.equal(readFileSync(join(ws2, "adf.toml"), "utf8"),
    readFileSync(join(repo, "crates", "adf-core", "src", "config", "starter.toml"), "utf8"));

  // 5g. "ADF: Evaluate Expression with Inputs…": one input box per input, prefilled with its
  // default, then the value in a message (the native server's adf.evaluate).
  await openFile(page2, "DailyPath.json", "pipeline");
  const dailyLines = dailyText.split("\n");
  const exprLine = dailyLines.findIndex((l) => l.includes("@concat"));
  await page2.keyboard.press("Control+G");
  const gotoInput = page2.locator(".quick-input-widget input");
  await gotoInput.waitFor({ state: "visible", timeout: 5000 });
  await gotoInput.fill(`:${exprLine + 1}:${dailyLines[exprLine].indexOf("@concat") + 4}`);
  await page2.keyboard.press("Enter");
  await page2.waitForTimeout(300);
  await runCommand(page2, "ADF: Evaluate Expression with Inputs…");
  const box = page2.locator(".quick-input-widget input");
  const answer = async (title, prefilled, text) => {
    await page2.locator(".quick-input-widget", { hasText: title }).waitFor({ state: "visible", timeout: 15000 });
    await waitFor(async () => (await box.inputValue()) === prefilled, 5000, `${title} prefilled with ${prefilled}`);
    await box.fill(text);
    await box.press("Enter");
  };
  await answer("pipeline().parameters.day", '"2026-01-01"', "Mon");
  await answer("pipeline().parameters.n", "", "3");
  await page2.locator(".notifications-toasts", { hasText: 'ADF: value "Mon/3"' }).waitFor({ state: "visible", timeout: 15000 });
  await page2.screenshot({ path: join(artefacts, "evaluate.png") });

  // 6. A server path that leads nowhere (the setting, here in the workspace's settings): an
  // error message says so and points at the output; the extension host stays sound.
  const ws3 = join(work, "orders-no-server");
  cpSync(join(here, "fixtures", "orders-factory"), ws3, { recursive: true });
  mkdirSync(join(ws3, ".vscode"));
  writeFileSync(join(ws3, ".vscode", "settings.json"), JSON.stringify({ "adf.server.path": join(work, "no-such-adf") }));
  const page3 = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page3.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws3)}`);
  await page3.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page3.locator(".notifications-toasts", { hasText: "ADF: the language server did not start" })
    .waitFor({ state: "visible", timeout: 30000 });
  await page3.screenshot({ path: join(artefacts, "no-server.png") });

  // 7. The extension host log names this extension in no error.
  const hostLogs = findFiles(join(D, "ud", "logs"), (p) => /exthost\.log$/.test(p));
  assert.ok(hostLogs.length > 0, "no extension host log found");
  const ours = [];
  for (const [i, log] of hostLogs.entries()) {
    const text = readFileSync(log, "utf8");
    copyFileSync(log, join(artefacts, `exthost-${i}.log`));
    // An entry starts with a timestamp; a stack trace continues it on the next lines.
    for (const entry of text.split(/\n(?=\d{4}-\d\d-\d\d )/)) {
      if (/\[error\]/.test(entry) && /adf-language-tools|ADF Language/i.test(entry)) ours.push(entry);
    }
  }
  assert.deepEqual(ours, [], "errors naming the extension in the extension host log");
  const channels = findFiles(join(D, "ud", "logs"), (p) => p.endsWith("ADF Language Server.log"));
  assert.equal(channels.length, 3, "one output channel per window");
  for (const [i, log] of channels.entries()) {
    const channel = readFileSync(log, "utf8");
    copyFileSync(log, join(artefacts, `adf-output-${i}.log`));
    if (channel.includes("no-such-adf")) {
      assert.ok(channel.includes(`adf server: ${join(work, "no-such-adf")} (setting)`), channel);
      assert.ok(channel.includes("adf server did not start"), channel);
      continue;
    }
    // vscode-languageclient 9 logs any exit of the server at error level, a clean one after
    // the restart's shutdown/exit (or the window's close) included: code 0 is not a fault.
    const channelErrors = channel.split("\n").filter((l) => /\[Error/.test(l) && !/Server process exited with code 0\.$/.test(l));
    assert.deepEqual(channelErrors, [], `errors in the ADF output channel:\n${channel}`);
    assert.ok(/\(bundled\)/.test(channel), `the bundled server runs:\n${channel}`);
  }
  // The marketplace README shows what a run saw; a run rewrites them only when asked (each run's
  // pixels differ, and a test run should not leave the checkout changed).
  if (process.env.ADF_E2E_SCREENSHOTS === "1") {
    for (const name of ["problems.png", "hover.png", "graph.png"]) copyFileSync(join(artefacts, name), join(ext, "images", name));
  }
  console.log(`e2e: all assertions passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  failed = true;
  console.error(`e2e FAILED (artefacts: ${artefacts})`);
  console.error(e);
  if (browser) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    for (const [i, p] of pages.entries()) {
      await p.screenshot({ path: join(artefacts, i === 0 ? "failure.png" : `failure-${i + 1}.png`) }).catch(() => {});
    }
  }
} finally {
  await browser?.close().catch(() => {});
  server.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  if (server.exitCode === null) server.kill("SIGKILL");
  writeFileSync(join(artefacts, "code-server.log"), serverLog);
}
// The artefacts stay; the rest (workspaces, the installed extension, code-server's data) is
// only worth keeping to look into a failure.
if (!failed) {
  for (const name of readdirSync(work)) {
    if (name !== "artefacts") rmSync(join(work, name), { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);

// The panel's rows as files, each with the aria labels of its markers.
function byFile(rows) {
  const groups = [];
  for (const r of rows) {
    const header = /^\d+ problems in file (.+) of folder /.exec(r.aria);
    if (header) groups.push({ file: header[1], markers: [] });
    else groups.at(-1)?.markers.push(r.aria);
  }
  return groups;
}

// What `adf lsp` itself answers to a hover, over stdio: the reference the workbench must show.
async function serverHover(file, line, character) {
  const answer = await serverAsk(file, readFileSync(file, "utf8"), "textDocument/hover", { line, character });
  const contents = answer.result?.contents;
  assert.ok(contents, `adf lsp gave no hover: ${JSON.stringify(answer)}`);
  return typeof contents === "string" ? contents : contents.value ?? contents.map((c) => c.value ?? c).join("\n");
}

// One request to `adf lsp` over stdio on a file of the first or second workspace, with `text`
// as the editor holds it.
async function serverAsk(file, text, method, position, extra = {}) {
  const p = spawn(adf, ["lsp"], { stdio: ["pipe", "pipe", "ignore"] });
  let buf = Buffer.alloc(0);
  const waiters = new Map();
  const published = new Set();
  let id = 0;
  p.stdout.on("data", (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const i = buf.indexOf("\r\n\r\n");
      if (i < 0) break;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, i).toString())[1]);
      if (buf.length < i + 4 + len) break;
      const m = JSON.parse(buf.subarray(i + 4, i + 4 + len).toString());
      buf = buf.subarray(i + 4 + len);
      if (m.id !== undefined && waiters.has(m.id) && m.method === undefined) { waiters.get(m.id)(m); waiters.delete(m.id); }
      if (m.method === "textDocument/publishDiagnostics") published.add(m.params.uri);
    }
  });
  const send = (m) => { const s = JSON.stringify({ jsonrpc: "2.0", ...m }); p.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`); };
  const request = (method, params) => new Promise((resolve) => { const i = ++id; waiters.set(i, resolve); send({ id: i, method, params }); });
  const rootUri = pathToFileURL(file.startsWith(ws2) ? ws2 : ws).href;
  await request("initialize", { processId: null, rootUri, workspaceFolders: [{ uri: rootUri, name: "ws" }],
    capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] },
      completion: { completionItem: { snippetSupport: true } } } } });
  send({ method: "initialized", params: {} });
  const uri = pathToFileURL(file).href;
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "adf-json", version: 1, text } } });
  // A question across files waits for the indexing, whose end publishes the other files'
  // findings (each workspace has a file with one).
  if (extra.context) await waitFor(async () => [...published].some((u) => u !== uri), 20000, "adf lsp's indexing");
  const answer = await request(method, { textDocument: { uri }, position, ...extra });
  await request("shutdown", null);
  send({ method: "exit" });
  p.stdin.end();
  return answer;
}

