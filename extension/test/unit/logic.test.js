const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const logic = require("../../out/logic.js");

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

test("package.json lists the same filename patterns and activation events as the code", () => {
  const lang = pkg.contributes.languages.find((l) => l.id === logic.LANGUAGE_ID);
  assert.deepEqual(lang.filenamePatterns, logic.factoryFilenamePatterns());
  const events = pkg.activationEvents.filter((e) => e.startsWith("workspaceContains:"));
  assert.deepEqual(events.map((e) => e.slice("workspaceContains:".length)), logic.activationPatterns());
  assert.ok(pkg.activationEvents.includes("onLanguage:json"));
});

// VS Code matches a pattern holding a slash against the whole path; path.matchesGlob (node
// 20.17+) follows the same glob syntax for these simple patterns.
function isFactoryPath(p) {
  return logic.factoryFilenamePatterns().some((g) => path.posix.matchesGlob(p, g));
}

test("factory paths get the factory language, other JSON does not", () => {
  for (const p of [
    "/w/f/pipeline/Copy.json",
    "/w/f/dataset/In.json",
    "/w/f/linkedService/Blob.json",
    "/w/f/trigger/Daily.json",
    "/w/f/dataflow/Flow.json",
    "/w/f/integrationRuntime/Ir.json",
    "/w/f/ARMTemplateForFactory.json",
    "/w/f/ARMTemplateParametersForFactory.json",
    "/w/f/arm-template-parameters-definition.json",
  ]) {
    assert.ok(isFactoryPath(p), p);
  }
  for (const p of [
    "/w/f/.vscode/settings.json",
    "/w/f/tsconfig.json",
    "/w/f/package.json",
    "/w/f/config/app-settings.json",
    "/w/f/publish_config.json",
    "/w/f/pipeline/notes.txt",
    "/w/f/pipeline/sub/Deep.json",
  ]) {
    assert.ok(!isFactoryPath(p), p);
  }
});

test("shape check: v1 entities and factory ARM templates, not other JSON", () => {
  assert.ok(logic.looksLikeFactoryJson(
    '{\n  "$schema": "http://datafactories.schema.management.azure.com/schemas/2015-09-01/Microsoft.DataFactory.Table.json",\n  "name": "T"\n}'));
  assert.ok(logic.looksLikeFactoryJson(
    '{"$schema":"https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.DataFactory/factories/pipelines"}]}'));
  assert.ok(logic.looksLikeFactoryJson(
    '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Synapse/workspaces"}]}'));
  // An ARM template of something else, settings, a tsconfig, a package.json.
  assert.ok(!logic.looksLikeFactoryJson(
    '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Storage/storageAccounts"}]}'));
  assert.ok(!logic.looksLikeFactoryJson('{"editor.tabSize": 2}'));
  assert.ok(!logic.looksLikeFactoryJson('{"compilerOptions": {"strict": true}}'));
  assert.ok(!logic.looksLikeFactoryJson('{"name": "x", "properties": {"type": "AzureBlob"}}'));
  assert.ok(!logic.looksLikeFactoryJson(""));
  // v2 entities opened alone, outside the layout's folders: a pipeline, a linked service.
  assert.ok(logic.looksLikeFactoryJson('{"name": "Copy", "properties": {"activities": []}}'));
  assert.ok(logic.looksLikeFactoryJson(
    '{"name": "Blob", "properties": {"type": "AzureBlobStorage", "typeProperties": {"connectionString": "x"}}}'));
  // An app's settings with a name and a type, and JSON that does not parse, are not.
  assert.ok(!logic.looksLikeFactoryJson('{"name": "scorer", "properties": {"type": "console", "retries": 3}}'));
  assert.ok(!logic.looksLikeFactoryJson('{"name": "Copy", "properties": {"activities": [}'));
});

test("server: the setting first, then the bundled binary, then the wasm server in Node", () => {
  const ext = "/ext";
  const bundled = path.join(ext, "server", "linux-x64", "adf");
  const wasm = path.join(ext, "dist", "server-node.js");
  const exists = (p) => p === bundled;
  assert.deepEqual(logic.resolveServerPath("/opt/adf", ext, "linux", "x64", exists, "/home/u"),
    { command: "/opt/adf", origin: "setting" });
  assert.deepEqual(logic.resolveServerPath("~/bin/adf", ext, "linux", "x64", exists, "/home/u"),
    { command: "/home/u/bin/adf", origin: "setting" });
  assert.deepEqual(logic.resolveServerPath("  ", ext, "linux", "x64", exists, "/home/u"),
    { command: bundled, origin: "bundled" });
  assert.deepEqual(logic.resolveServerPath(undefined, ext, "linux", "x64", exists, "/home/u"),
    { command: bundled, origin: "bundled" });
  // No binary for this platform (a universal .vsix, or a Mac with the linux-x64 one): the same
  // engine compiled to wasm, which runs wherever VS Code's Node does.
  assert.deepEqual(logic.resolveServerPath("", ext, "darwin", "arm64", exists, "/home/u"),
    { command: wasm, origin: "wasm" });
  assert.deepEqual(logic.resolveServerPath("", "C:\\ext", "win32", "x64", () => false, "C:\\Users\\u"),
    { command: "C:\\ext\\dist\\server-node.js", origin: "wasm" });
  const winBundled = "C:\\ext\\server\\win32-x64\\adf.exe";
  assert.deepEqual(logic.resolveServerPath("", "C:\\ext", "win32", "x64", (p) => p === winBundled, "C:\\Users\\u"),
    { command: winBundled, origin: "bundled" });
  // A setting always wins, even where a binary is bundled or none is.
  assert.deepEqual(logic.resolveServerPath("/opt/adf", ext, "darwin", "arm64", () => false, "/home/u"),
    { command: "/opt/adf", origin: "setting" });
});

test("rule links point at the rule's page at the release tag", () => {
  assert.equal(logic.ruleLink("https://h/r/", "0.1.0", "unknown-reference"),
    "https://h/r/blob/v0.1.0/docs/rules/unknown-reference.md");
  assert.equal(logic.ruleLink("https://h/r", "0.1.0", 42), undefined);
  assert.equal(logic.ruleLink("https://h/r", "0.1.0", "../x"), undefined);
  // The server's codes are rule names; each has its page in docs/rules/ where the link points.
  const pages = new Set(fs.readdirSync(path.join(__dirname, "..", "..", "..", "docs", "rules")));
  const adf = process.env.ADF_BINARY ?? path.join(__dirname, "..", "..", "..", "target", "release", "adf");
  const listed = require("node:child_process").execFileSync(adf, ["rules"], { encoding: "utf8" })
    .split("\n").slice(1).filter(Boolean).map((line) => line.split(/\s+/)[1]);
  assert.ok(listed.length > 10, listed.join(","));
  for (const rule of listed) {
    assert.ok(pages.has(`${rule}.md`), rule);
  }
});
