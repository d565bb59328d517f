// The package used as a host would: files of the v1 example factory, then every query.

import { test } from "node:test";
import assert from "node:assert/strict";
import { AdfWorkspace, createWorkspace, version } from "adf-language-tools-wasm";
import { exampleDir, readFolder, positionOf, textAt } from "./helpers.mjs";

const files = readFolder(exampleDir());
const text = (path) => files.find((f) => f.path === path)?.text ?? "";
const pipeline = files.find((f) => /"activities"/.test(f.text))?.path;

function loaded() {
  const ws = new AdfWorkspace();
  for (const f of files) ws.setFile(f.path, f.text);
  return ws;
}

test("the example factory loads and every file is known", async () => {
  const ws = await createWorkspace();
  for (const f of files) ws.setFile(f.path, f.text);
  assert.deepEqual(ws.paths(), files.map((f) => f.path).sort());
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("diagnostics give rule, severity and a UTF-16 range on the offending name", () => {
  const ws = loaded();
  const all = ws.allDiagnostics();
  assert.equal(all.length, files.length);
  const found = all.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
  assert.ok(found.length > 0, "the example has at least one finding");
  for (const d of found) {
    assert.match(d.code, /^ADF\d{4}$/);
    assert.ok(["error", "warning", "info", "hint"].includes(d.severity));
    assert.ok(d.message.length > 0);
  }
  // A dataset read by an activity but produced by none and not external (v1 waits forever).
  const external = found.find((d) => d.rule === "v1-input-not-external");
  if (external) {
    assert.equal(textAt(text(external.path), external.range).replaceAll('"', ""), JSON.parse(text(external.path)).name);
    assert.deepEqual(ws.diagnostics(external.path).map((d) => d.rule).includes("v1-input-not-external"), true);
  }
});

test("a file that breaks a reference gets an unresolved-reference finding, and loses it when fixed", () => {
  const ws = loaded();
  const broken = text(pipeline).replace(/"linkedServiceName":\s*"([^"]+)"/, '"linkedServiceName": "NoSuchService"');
  const changed = ws.setFile(pipeline, broken);
  assert.ok(changed.includes(pipeline));
  const d = ws.diagnostics(pipeline).find((d) => d.rule === "unresolved-reference");
  assert.ok(d, "unresolved-reference reported");
  assert.equal(textAt(broken, d.range), '"NoSuchService"');
  assert.equal(d.severity, "error");
  ws.setFile(pipeline, text(pipeline));
  assert.equal(ws.diagnostics(pipeline).some((d) => d.rule === "unresolved-reference"), false);
});

test("completion in a linked service reference proposes the factory's linked services", () => {
  const ws = loaded();
  const src = text(pipeline);
  const name = /"linkedServiceName":\s*"([^"]+)"/.exec(src)[1];
  const items = ws.completion(pipeline, positionOf(src, `"${name}"`, 1));
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes(name), `${name} in ${labels}`);
  const item = items.find((i) => i.label === name);
  assert.equal(item.kind, "entity");
  assert.equal(item.entityKind, "LinkedService");
  assert.equal(typeof item.insertText, "string");
});

test("definition goes from an activity input to the dataset's file", () => {
  const ws = loaded();
  const src = text(pipeline);
  const input = /"inputs":\s*\[\s*\{\s*"name":\s*"([^"]+)"/.exec(src)[1];
  const targets = ws.definition(pipeline, positionOf(src, `"${input}"`, 2));
  assert.equal(targets.length, 1);
  assert.notEqual(targets[0].path, pipeline);
  assert.equal(JSON.parse(text(targets[0].path)).name, input);
  assert.equal(textAt(text(targets[0].path), targets[0].range), `"${input}"`);
  const refs = ws.references(pipeline, positionOf(src, `"${input}"`, 2));
  assert.ok(refs.some((r) => r.path === targets[0].path));
  assert.ok(refs.filter((r) => r.path === pipeline).length >= 1);
  const hover = ws.hover(pipeline, positionOf(src, `"${input}"`, 2));
  assert.ok(hover === null || hover.markdown.length > 0);
});

test("rename edits the dataset's name and every reference to it", () => {
  const ws = loaded();
  const src = text(pipeline);
  const input = /"inputs":\s*\[\s*\{\s*"name":\s*"([^"]+)"/.exec(src)[1];
  const edits = ws.rename(pipeline, positionOf(src, `"${input}"`, 2), "Renamed");
  const occurrences = (src.match(new RegExp(`"${input}"`, "g")) ?? []).length;
  const inPipeline = edits.filter((e) => e.path === pipeline);
  assert.equal(inPipeline.length, occurrences);
  assert.ok(edits.some((e) => e.path !== pipeline), "the definition is renamed too");
  for (const e of edits) {
    assert.equal(e.newText, '"Renamed"');
    assert.equal(textAt(text(e.path), e.range), `"${input}"`);
  }
});

test("document symbols and the graph describe the factory", () => {
  const ws = loaded();
  const symbols = ws.documentSymbols(pipeline);
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0].entityKind, "Pipeline");
  assert.ok(symbols[0].children.every((c) => c.kind === "activity"));
  const graph = ws.graph();
  const ids = new Set(graph.nodes.map((n) => n.id));
  assert.ok(graph.nodes.some((n) => n.kind === "Pipeline" && n.path === pipeline));
  assert.ok(graph.edges.length > 0);
  assert.ok(graph.edges.every((e) => ids.has(e.from) && ids.has(e.to)));
  assert.ok(graph.edges.some((e) => e.link === "contains"));
  assert.ok(graph.edges.every((e) => typeof e.link === "string" && e.link.length > 0));
  // A defined node's range is its name in its file, quotes included; a missing one has none.
  for (const n of graph.nodes) {
    if (n.path === null) assert.equal(n.range, null);
    else assert.equal(textAt(text(n.path), n.range), JSON.stringify(n.name), n.id);
  }
});

test("every method of the engine is a method of AdfWorkspace, with recovery", async () => {
  const { Workspace } = await import("../dist/adf_wasm.js");
  const engine = Object.getOwnPropertyNames(Workspace.prototype).filter(
    (n) => n !== "constructor" && !n.startsWith("__"),
  );
  assert.ok(engine.length >= 15, engine.join());
  for (const name of engine) assert.equal(typeof AdfWorkspace.prototype[name], "function", name);
  const ws = loaded();
  const before = ws.graph();
  ws.__trapOnNextCall();
  assert.deepEqual(ws.graph(), before);
  assert.equal(ws.recoveries, 1);
});

test("bad input throws an Error with a message", () => {
  const ws = loaded();
  assert.throws(() => ws.diagnostics("nope.json"), { message: /unknown file `nope.json`/ });
  assert.throws(() => ws.hover(pipeline, { line: 10_000, character: 0 }), {
    message: /outside the document/,
  });
  assert.throws(() => ws.completion(pipeline, { line: 0 }), { message: /invalid position/ });
  assert.throws(() => ws.rename(pipeline, positionOf(text(pipeline), "{"), "X"), {
    message: /no entity or activity name/,
  });
  // The workspace still answers after each refusal.
  assert.equal(ws.paths().length, files.length);
});

test("a mistake in a configuration is a finding of that file, with its range", () => {
  const ws = loaded();
  const changed = ws.setConfig("adf.toml", "# ü 📦\n[rules]\nno-such-rule = 'off'\n");
  assert.ok(changed.includes("adf.toml"));
  const found = ws.diagnostics("adf.toml");
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, "invalid-config");
  assert.equal(found[0].severity, "error");
  assert.deepEqual(found[0].range, {
    start: { line: 2, character: 0 },
    end: { line: 2, character: 12 },
  });
  assert.ok(ws.allDiagnostics().some((f) => f.path === "adf.toml" && f.diagnostics.length === 1));
  ws.setConfig("adf.toml", "");
  assert.deepEqual(ws.diagnostics("adf.toml"), []);
  ws.removeConfig("adf.toml");
  assert.throws(() => ws.diagnostics("adf.toml"), { message: /unknown file/ });
});

test("a configuration changes severities and switches rules off", () => {
  const ws = loaded();
  const target = ws.allDiagnostics().find((f) => f.diagnostics.length > 0);
  const rule = target.diagnostics[0].rule;
  ws.setConfig("adf.toml", `[rules]\n${rule} = "hint"\n`);
  assert.ok(ws.diagnostics(target.path).some((d) => d.rule === rule && d.severity === "hint"));
  ws.setConfig("adf.toml", `[rules]\n${rule} = "off"\n`);
  assert.equal(ws.diagnostics(target.path).some((d) => d.rule === rule), false);
  ws.removeConfig("adf.toml");
  assert.ok(ws.diagnostics(target.path).some((d) => d.rule === rule));
});

test("a profile in a configuration selects its rules for the files below it", () => {
  const ws = new AdfWorkspace();
  const runtime = "shop/integrationRuntime/StoreNetwork.json";
  ws.setFile(runtime, JSON.stringify({ name: "StoreNetwork", properties: { type: "SelfHosted" } }));
  assert.deepEqual(ws.diagnostics(runtime), []);
  const changed = ws.setConfig("shop/adf.toml", 'profile = "fabric"\n');
  assert.ok(changed.includes(runtime));
  assert.deepEqual(
    ws.diagnostics(runtime).map((d) => d.rule),
    ["fabric-not-migrated"],
  );
  ws.removeConfig("shop/adf.toml");
  assert.deepEqual(ws.diagnostics(runtime), []);
});

test("a real-looking secret is reported and never appears in any result", () => {
  const ws = loaded();
  const secret = "Zk9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZg==";
  const path = "f/linkedService/Store.json";
  ws.setFile(
    path,
    JSON.stringify({
      name: "Store",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: {
          connectionString: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${secret}`,
        },
      },
    }),
  );
  const found = ws.diagnostics(path);
  assert.ok(found.some((d) => d.rule === "plaintext-secret"), JSON.stringify(found));
  const everything = JSON.stringify([ws.allDiagnostics(), ws.graph(), ws.documentSymbols(path)]);
  assert.equal(everything.includes(secret), false);
});

test("code actions, workspace symbols, folding and selection ranges answer", () => {
  const ws = loaded();
  const src = text(pipeline);
  const name = /"linkedServiceName":\s*"([^"]+)"/.exec(src)[1];
  const typo = src.replace(`"${name}"`, `"${name.slice(0, -1)}"`);
  ws.setFile(pipeline, typo);
  const at = positionOf(typo, `"${name.slice(0, -1)}"`, 1);
  const actions = ws.codeActions(pipeline, { start: at, end: at });
  const fix = actions.find((a) => a.rule === "unresolved-reference");
  assert.ok(fix, JSON.stringify(actions));
  assert.equal(fix.kind, "quickfix");
  assert.equal(fix.edits[0].newText, `"${name}"`);
  assert.throws(() => ws.codeActions(pipeline, { start: at, end: { line: -1, character: 0 } }), {
    message: /invalid range/,
  });

  const symbols = ws.workspaceSymbols(name.slice(0, 4));
  assert.ok(symbols.some((s) => s.name === name && s.entityKind === "LinkedService"));
  const folds = ws.foldingRanges(pipeline);
  assert.ok(folds.some((f) => f.kind === "region" && f.range.start.line === 0));
  const [chain] = ws.selectionRanges(pipeline, [at]);
  assert.ok(chain.length > 2);
});

test("hover values: XML and XPath are evaluated, the time zone functions are not (no tz database in the .wasm)", () => {
  const pipelineText = JSON.stringify(
    {
      name: "P1",
      properties: {
        variables: { v: { type: "String" } },
        activities: [
          {
            name: "A",
            type: "SetVariable",
            typeProperties: { variableName: "v", value: "@string(xpath(xml('<r><a>1</a><a>2</a></r>'), 'sum(//a)'))" },
          },
          {
            name: "B",
            type: "SetVariable",
            typeProperties: { variableName: "v", value: "@convertTimeZone('2018-01-01T08:00:00Z', 'UTC', 'Pacific Standard Time')" },
          },
        ],
      },
    },
    null,
    2,
  );
  const ws = new AdfWorkspace();
  ws.setFile("pipeline/P1.json", pipelineText);
  const xpath = ws.hover("pipeline/P1.json", positionOf(pipelineText, "@string(xpath", 3));
  assert.match(xpath?.markdown ?? "", /value: `` "3" ``/);
  const zone = ws.hover("pipeline/P1.json", positionOf(pipelineText, "@convertTimeZone", 3));
  assert.ok(zone && !zone.markdown.includes("value"), zone?.markdown);
});

test("evaluate lists an expression's inputs with their defaults, then uses the given ones", () => {
  const ws = new AdfWorkspace();
  const path = "factory/pipeline/Days.json";
  // "é" and "😀" before the expression on its line: positions are UTF-16 code units.
  const src = `{"name": "Days", "properties": {
 "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}, "n": {"type": "int"}},
 "variables": {"out": {"type": "String"}},
 "activities": [{"name": "é😀", "type": "SetVariable", "typeProperties": {"variableName": "out", "value": "@concat(pipeline().parameters.day, '/', string(div(10, pipeline().parameters.n)))"}}]}}`;
  ws.setFile(path, src);
  const at = positionOf(src, "@concat", 3);

  const first = ws.evaluate(path, at);
  assert.equal(first.expression, "@concat(pipeline().parameters.day, '/', string(div(10, pipeline().parameters.n)))");
  assert.equal(textAt(src, first.range), `"${first.expression}"`);
  assert.deepEqual(first.inputs, [
    { name: "pipeline().parameters.day", kind: "parameter", default: '"2026-01-01"' },
    { name: "pipeline().parameters.n", kind: "parameter", default: null },
  ]);
  assert.deepEqual(first.result, { kind: "unknown", needs: ["pipeline().parameters.n"] });
  assert.deepEqual(first.ignored, []);

  // Typed text is JSON when it parses (5), else a string (Mon).
  const second = ws.evaluate(path, at, { "pipeline().parameters.n": "5", "pipeline().parameters.day": "Mon", nope: "1" });
  assert.deepEqual(second.result, { kind: "value", value: '"Mon/2"' });
  assert.deepEqual(second.ignored, ["nope"]);

  const failed = ws.evaluate(path, at, { "pipeline().parameters.n": "0" });
  assert.equal(failed.result.kind, "error");
  assert.equal(textAt(src, failed.result.range), "pipeline().parameters.n");

  assert.equal(ws.evaluate(path, positionOf(src, '"Days"', 2)), null);
  assert.throws(() => ws.evaluate(path, at, { "pipeline().parameters.n": 5 }), /inputs/);
  assert.throws(() => ws.evaluate("nope.json", at), /nope\.json/);
});
