const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const logic = require("../../out/commandLogic.js");

const ext = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));

test("the status counts adf's errors and warnings only", () => {
  const found = [
    { source: "adf", severity: logic.SEVERITY_ERROR },
    { source: "adf", severity: logic.SEVERITY_WARNING },
    { source: "adf", severity: logic.SEVERITY_WARNING },
    { source: "adf", severity: 2 },
    { source: "adf", severity: 3 },
    { source: "json", severity: logic.SEVERITY_ERROR },
    { severity: logic.SEVERITY_WARNING },
  ];
  assert.deepEqual(logic.countFindings(found), { errors: 1, warnings: 2 });
  assert.deepEqual(logic.countFindings([]), { errors: 0, warnings: 0 });
});

test("the indexing's progress drives the status: percentage while it runs, counts after", () => {
  let s = { running: false, incomplete: false };
  s = logic.indexingStep(s, { kind: "begin", title: "Indexing ADF factories", percentage: 0 });
  assert.equal(s.running, true);
  s = logic.indexingStep(s, { kind: "report", percentage: 40, message: "400/1000 files read" });
  const during = logic.statusView({ errors: 0, warnings: 0 }, s);
  assert.equal(during.text, "$(sync~spin) ADF 40%");
  assert.match(during.tooltip, /400\/1000 files read/);
  s = logic.indexingStep(s, { kind: "end" });
  assert.deepEqual(s, { running: false, incomplete: false, message: undefined });
  const after = logic.statusView({ errors: 1, warnings: 2 }, s);
  assert.equal(after.text, "ADF $(error) 1 $(warning) 2");
  assert.equal(after.label, "ADF: 1 error, 2 warnings");
});

test("an indexing the server stopped short is incomplete, and the tooltip says what to run", () => {
  for (const message of ["cancelled", "cancelled: 10 of 90 files read", "stopped: more than 20000 JSON files in /w"]) {
    const s = logic.indexingStep({ running: true, incomplete: false }, { kind: "end", message });
    assert.equal(s.incomplete, true, message);
    assert.match(logic.statusView({ errors: 0, warnings: 0 }, s).tooltip, /ADF: Check Whole Factory/);
  }
  const fresh = logic.indexingStep({ running: false, incomplete: true }, { kind: "begin" });
  assert.equal(fresh.incomplete, false);
});

test("graph nodes open by file path, or by URI when a web host gives one", () => {
  assert.deepEqual(logic.nodeTarget("/w/f/dataset/In.json"), { kind: "file", value: "/w/f/dataset/In.json" });
  assert.deepEqual(logic.nodeTarget("C:\\f\\dataset\\In.json"), { kind: "file", value: "C:\\f\\dataset\\In.json" });
  assert.deepEqual(logic.nodeTarget("vscode-vfs://github/o/r/dataset/In.json").kind, "uri");
  assert.deepEqual(logic.nodeTarget("file:///w/f/dataset/In.json").kind, "uri");
});

test("adf.toml goes to the factory roots inside the workspace, else to the workspace folders", () => {
  assert.deepEqual(logic.configFolders(["/w/repo/factory", "/w/repo/factory"], ["/w/repo"]), ["/w/repo/factory"]);
  assert.deepEqual(logic.configFolders(["/w/repo/b", "/w/repo/a/"], ["/w/repo"]), ["/w/repo/a", "/w/repo/b"]);
  // A root outside every folder (a file opened alone), or a relative one, is no place to write.
  assert.deepEqual(logic.configFolders(["/elsewhere", "relative/root"], ["/w/repo"]), ["/w/repo"]);
  assert.deepEqual(logic.configFolders([], ["/w/a/", "/w/b"]), ["/w/a", "/w/b"]);
  assert.deepEqual(logic.configFolders(["/w/repo-other"], ["/w/repo"]), ["/w/repo"]);
});

test("the graph's entities leave the activities to their pipelines", () => {
  const graph = { nodes: [
    { kind: "Pipeline", name: "Load" }, { kind: "Activity", name: "Copy" }, { kind: "Dataset", name: "In" },
  ] };
  assert.deepEqual(logic.graphEntities(graph), ["Dataset In", "Pipeline Load"]);
});

test("every command the code registers is contributed with a title, and vice versa", () => {
  const src = ["extension.ts", "commands.ts"].map((f) => fs.readFileSync(path.join(ext, "src", f), "utf8")).join("\n");
  const registered = [...src.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const c of pkg.contributes.commands) assert.equal(c.category, "ADF");
});

test("the bundle carries the core's starter adf.toml and the graph webview carries the playground's renderer", () => {
  const starter = fs.readFileSync(path.join(ext, "..", "crates", "adf-core", "src", "config", "starter.toml"), "utf8");
  const bundle = fs.readFileSync(path.join(ext, "dist", "extension.js"), "utf8");
  // The minifier may re-quote the text: lines without quotes or backticks stay as they are.
  const plain = starter.split("\n").filter((l) => l.length > 20 && !/[`"'\\$]/.test(l));
  assert.ok(plain.length > 5);
  for (const line of plain) assert.ok(bundle.includes(line), `starter.toml's "${line}" is not in dist/extension.js`);
  const view = fs.readFileSync(path.join(ext, "dist", "graphView.js"), "utf8");
  assert.ok(view.includes("not defined in this factory"), "playground/src/graph.js is not in dist/graphView.js");
  assert.ok(fs.readFileSync(path.join(ext, ".vscodeignore"), "utf8").includes("!dist/graphView.js"));
});

test("Evaluate with Inputs: one input box per givable input, prefilled with its default", () => {
  const prompts = logic.inputPrompts([
    { name: "pipeline().parameters.day", kind: "parameter", default: '"2026-01-01"' },
    { name: "activity('A').status", kind: "unsupported", default: null },
    { name: "item()", kind: "item", default: null },
  ]);
  assert.deepEqual(prompts.map((p) => [p.name, p.value, p.title]), [
    ["pipeline().parameters.day", '"2026-01-01"', "ADF: pipeline().parameters.day (1/2)"],
    ["item()", "", "ADF: item() (2/2)"],
  ]);
  assert.match(prompts[0].prompt, /^pipeline parameter, default "2026-01-01"\. JSON when it parses/);
  assert.match(prompts[1].prompt, /^the ForEach item, no default\./);
  // Empty answers are not given (the default, or nothing, stays).
  assert.deepEqual(logic.givenInputs([["a", "1"], ["b", ""], ["c", "text"]]), { a: "1", c: "text" });
});

test("Evaluate with Inputs: a value is shown (clipped) with Copy, unknowns and errors say why", () => {
  const base = { expression: "@x", inputs: [], ignored: [] };
  const value = logic.evaluationReport({ ...base, result: { kind: "value", value: '"Mon/2"' } });
  assert.deepEqual(value, { level: "info", message: 'ADF: value "Mon/2"', detail: 'expression: @x\nvalue: "Mon/2"', copy: '"Mon/2"' });
  const long = "x".repeat(500);
  const clipped = logic.evaluationReport({ ...base, result: { kind: "value", value: long } });
  assert.ok(clipped.message.length < 260 && clipped.message.endsWith("(see the output)"));
  assert.equal(clipped.copy, long);
  assert.ok(clipped.detail.endsWith(long));
  const unknown = logic.evaluationReport({ ...base, ignored: ["nope"], result: { kind: "unknown", needs: ["item()"] } });
  assert.equal(unknown.level, "warning");
  assert.equal(unknown.message, "ADF: the value is unknown without item()");
  assert.equal(unknown.copy, undefined);
  assert.match(unknown.detail, /not inputs of this expression: nope/);
  const error = logic.evaluationReport({
    ...base,
    result: { kind: "error", message: "boom", range: { start: { line: 4, character: 9 }, end: { line: 4, character: 12 } } },
  });
  assert.deepEqual([error.level, error.message], ["error", "ADF: boom (line 5, column 10)"]);
});

test("Evaluate with Inputs is in the palette and the context menu of ADF JSON only", () => {
  for (const menu of ["commandPalette", "editor/context"]) {
    const entry = pkg.contributes.menus[menu].find((m) => m.command === "adf.evaluateWithInputs");
    assert.equal(entry?.when, "editorLangId == adf-json", menu);
  }
  const title = pkg.contributes.commands.find((c) => c.command === "adf.evaluateWithInputs")?.title;
  assert.equal(title, "Evaluate Expression with Inputs…");
});
