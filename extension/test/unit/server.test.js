// The wasm language server (dist/server-node.js, the one the browser entry runs too) as an editor
// drives it over stdio: files pushed with `adf/files`, documents opened and edited, queries.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const fixture = path.join(__dirname, "..", "fixtures", "orders-factory");
const server = path.join(__dirname, "..", "..", "dist", "server-node.js");
const uriOf = (rel) => pathToFileURL(path.join(fixture, rel)).href;
const text = (rel) => fs.readFileSync(path.join(fixture, rel), "utf8");
const curated = "dataset/CuratedOrders.json";
// The fixture with a reference to a linked service nobody defines.
const broken = text(curated).replace('"referenceName": "LandingStorage"', '"referenceName": "CuratedLake"');

function files() {
  const out = [];
  for (const dir of ["dataset", "linkedService", "pipeline"]) {
    for (const name of fs.readdirSync(path.join(fixture, dir))) {
      const rel = `${dir}/${name}`;
      out.push({ uri: uriOf(rel), text: rel === curated ? broken : text(rel) });
    }
  }
  // JSON of the workspace that is no factory's: the engine decides it is not checked.
  out.push({ uri: uriOf("package.json"), text: text("package.json") });
  return out;
}

async function start(window = {}) {
  const { Client } = await import("../lsp-client.mjs");
  const client = new Client(process.execPath, [server, "--stdio"]);
  const rootUri = pathToFileURL(fixture).href;
  const init = await client.request("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "orders" }],
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] } },
      window,
    },
  });
  client.notify("initialized", {});
  return { client, init };
}

async function stop(client) {
  await client.request("shutdown", null);
  client.notify("exit", null);
  assert.equal(await client.exited, 0);
}

test("findings of every pushed file, files not opened included, and only the factory's", async () => {
  const { client, init } = await start();
  assert.equal(init.capabilities.positionEncoding, "utf-16");
  const published = client.next("textDocument/publishDiagnostics", (p) => p.uri === uriOf(curated));
  client.notify("adf/files", { changed: files() });
  const { diagnostics } = await published;
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [d] = diagnostics;
  assert.equal(d.code, "unresolved-reference");
  assert.equal(d.source, "adf");
  assert.equal(d.severity, 1);
  assert.match(d.message, /CuratedLake/);
  const line = broken.split("\n").findIndex((l) => l.includes("CuratedLake"));
  assert.equal(d.range.start.line, line);
  await stop(client);
  assert.deepEqual([...client.diagnostics.keys()], [uriOf(curated)], "no other file has findings, package.json none");
});

test("indexing progress from initialized to the files' arrival, as adf lsp reports it", async () => {
  const { client } = await start({ workDoneProgress: true });
  await new Promise((r) => setTimeout(r, 200));
  const published = client.next("textDocument/publishDiagnostics", (p) => p.uri === uriOf(curated));
  client.notify("adf/files", { changed: files() });
  await published;
  await client.request("shutdown", null);
  const log = client.progressLog ?? [];
  assert.deepEqual(log.map((p) => [p.token, p.value.kind]), [["adf/indexing", "begin"], ["adf/indexing", "end"]]);
  assert.equal(log[0].value.title, "Indexing ADF factories");
  assert.match(log[1].value.message, /^\d+ files$/);
  client.notify("exit", null);
  assert.equal(await client.exited, 0);
});

test("an edit re-checks and clears the finding; closing goes back to the pushed text", async () => {
  const { client } = await start();
  client.notify("adf/files", { changed: files() });
  await client.next("textDocument/publishDiagnostics", (p) => p.uri === uriOf(curated) && p.diagnostics.length === 1);
  const uri = uriOf(curated);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "adf-json", version: 1, text: broken } });
  const line = broken.split("\n").findIndex((l) => l.includes("CuratedLake"));
  const col = broken.split("\n")[line].indexOf("CuratedLake");
  const cleared = client.next("textDocument/publishDiagnostics", (p) => p.uri === uri && p.diagnostics.length === 0);
  client.notify("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + "CuratedLake".length } }, text: "LandingStorage" }],
  });
  assert.equal((await cleared).version, 2);
  const back = client.next("textDocument/publishDiagnostics", (p) => p.uri === uri && p.diagnostics.length === 1);
  client.notify("textDocument/didClose", { textDocument: { uri } });
  await back;
  await stop(client);
});

test("hover, definition, references, completion, symbols, folding, selection and the graph", async () => {
  const { client } = await start();
  client.notify("adf/files", { changed: files() });
  const uri = uriOf(curated);
  const good = text(curated);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "adf-json", version: 1, text: good } });
  const lines = good.split("\n");
  const refLine = lines.findIndex((l) => l.includes('"referenceName"'));
  const at = { line: refLine, character: lines[refLine].indexOf("LandingStorage") + 2 };
  const doc = { textDocument: { uri } };

  const definition = await client.request("textDocument/definition", { ...doc, position: at });
  assert.equal(definition.length, 1);
  assert.equal(definition[0].uri, uriOf("linkedService/LandingStorage.json"));

  const refs = await client.request("textDocument/references", { ...doc, position: at, context: { includeDeclaration: false } });
  assert.ok(refs.length >= 1 && refs.every((r) => r.uri !== uriOf("linkedService/LandingStorage.json")), JSON.stringify(refs));

  const typeLine = lines.findIndex((l) => l.includes('"type": "Parquet"'));
  const hover = await client.request("textDocument/hover", { ...doc, position: { line: typeLine, character: lines[typeLine].indexOf('"type"') + 2 } });
  assert.equal(hover.contents.kind, "markdown");
  assert.ok(hover.contents.value.length > 0);

  const containerLine = lines.findIndex((l) => l.includes('"container"'));
  const items = await client.request("textDocument/completion", { ...doc, position: { line: containerLine, character: lines[containerLine].indexOf('"container"') + 1 } });
  assert.ok(items.some((i) => i.label === "folderPath" || i.label === "fileName"), JSON.stringify(items.map((i) => i.label)));

  const symbols = await client.request("textDocument/documentSymbol", doc);
  assert.equal(symbols[0].name, "CuratedOrders");
  const found = await client.request("workspace/symbol", { query: "Copy" });
  assert.ok(found.some((s) => s.location.uri === uriOf("pipeline/CopyOrders.json")), JSON.stringify(found));

  const folds = await client.request("textDocument/foldingRange", doc);
  assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === lines.length - 3), JSON.stringify(folds));
  const [sel] = await client.request("textDocument/selectionRange", { ...doc, positions: [at] });
  assert.ok(sel.parent, "the name widens to its object");

  const graph = await client.request("adf/graph", null);
  const names = graph.nodes.filter((n) => n.kind !== "Activity").map((n) => n.name).sort();
  assert.deepEqual(names, ["CopyOrders", "CuratedOrders", "LandingStorage", "RawOrders"]);
  assert.ok(graph.edges.some((e) => e.link === "datasetLinkedService"), JSON.stringify(graph.edges));
  await stop(client);
});

test("rename: the references, the definition and the entity's file in the git layout", async () => {
  const { client } = await start();
  client.notify("adf/files", { changed: files() });
  const uri = uriOf("linkedService/LandingStorage.json");
  const ls = text("linkedService/LandingStorage.json");
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "adf-json", version: 3, text: ls } });
  const edit = await client.request("textDocument/rename", {
    textDocument: { uri }, position: { line: 1, character: 14 }, newName: "Lake",
  });
  const ops = edit.documentChanges;
  const renames = ops.filter((o) => o.kind === "rename");
  assert.deepEqual(renames.map((r) => [r.oldUri, r.newUri]), [[uri, uriOf("linkedService/Lake.json")]]);
  // Text edits first (they name the files by their old URIs), the open document's version kept.
  assert.ok(ops.indexOf(renames[0]) > 0);
  const edited = ops.filter((o) => o.textDocument).map((o) => o.textDocument.uri).sort();
  assert.ok(edited.includes(uri) && edited.length >= 2, JSON.stringify(edited));
  assert.equal(ops.find((o) => o.textDocument?.uri === uri).textDocument.version, 3);
  await assert.rejects(client.request("textDocument/rename", { textDocument: { uri }, position: { line: 1, character: 14 }, newName: " " }));
  await stop(client);
});

test("bad input gets an error or is left out, and the server keeps answering", async () => {
  const { client } = await start();
  // Not files: left out. Then the real ones.
  client.notify("adf/files", { changed: [{ uri: 42, text: null }, null, { uri: uriOf(curated) }], removed: [7] });
  client.notify("adf/files", "nonsense");
  const published = client.next("textDocument/publishDiagnostics", (p) => p.uri === uriOf(curated));
  client.notify("adf/files", { changed: files() });
  assert.equal((await published).diagnostics.length, 1);
  const uri = uriOf(curated);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "adf-json", version: 1, text: broken } });
  await assert.rejects(client.request("textDocument/hover", { textDocument: { uri }, position: { line: 9999, character: 0 } }), /-32602/);
  // A diff's left side is not the file: no answer, as from adf lsp.
  assert.equal(await client.request("textDocument/hover", { textDocument: { uri: "git:/x.json" }, position: { line: 0, character: 0 } }), null);
  await assert.rejects(client.request("textDocument/completion", { textDocument: { uri: uriOf("dataset/Nope.json") }, position: { line: 0, character: 0 } }), /-32602/);
  const symbols = await client.request("textDocument/documentSymbol", { textDocument: { uri } });
  assert.equal(symbols[0].name, "CuratedOrders");
  await stop(client);
});

test("adf.evaluate answers as adf lsp does: inputs with defaults, then the value", async () => {
  const { client, init } = await start();
  assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ["adf.evaluate"] });
  client.notify("adf/files", { changed: files() });
  const uri = uriOf("pipeline/Days.json");
  const src = `{"name": "Days", "properties": {
 "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}, "n": {"type": "int"}},
 "variables": {"out": {"type": "String"}},
 "activities": [{"name": "Keep", "type": "SetVariable", "typeProperties": {"variableName": "out",
   "value": "@concat(pipeline().parameters.day, '/', string(div(10, pipeline().parameters.n)))"}}]}}`;
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "adf-json", version: 1, text: src } });
  const lines = src.split("\n");
  const position = { line: 4, character: lines[4].indexOf("@concat") + 3 };
  const run = (args) => client.request("workspace/executeCommand", { command: "adf.evaluate", arguments: args });

  const first = await run([{ uri, position }]);
  assert.deepEqual(first.inputs, [
    { name: "pipeline().parameters.day", kind: "parameter", default: '"2026-01-01"' },
    { name: "pipeline().parameters.n", kind: "parameter", default: null },
  ]);
  assert.deepEqual(first.result, { kind: "unknown", needs: ["pipeline().parameters.n"] });
  assert.deepEqual(first.range.start, { line: 4, character: lines[4].indexOf('"@concat') });
  const second = await run([{ uri, position, inputs: { "pipeline().parameters.n": "5", "pipeline().parameters.day": "Mon" } }]);
  assert.deepEqual(second.result, { kind: "value", value: '"Mon/2"' });

  assert.equal(await run([{ uri, position: { line: 0, character: 3 } }]), null);
  assert.equal(await run([{ uri: "git:/x.json", position }]), null);
  for (const bad of [[], [{ uri }], [{ uri, position, inputs: { a: 1 } }], [{ uri, position, inputs: ["x"] }]]) {
    await assert.rejects(run(bad), /-32602/, JSON.stringify(bad));
  }
  await assert.rejects(client.request("workspace/executeCommand", { command: "adf.nothing", arguments: [] }), /-32602/);
  await stop(client);
});
