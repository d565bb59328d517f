const test = require("node:test");
const assert = require("node:assert/strict");
const { Paths } = require("../../out/paths.js");

test("a browser's workspace: its files are the folder's scheme and authority, paths their path part", () => {
  const paths = new Paths();
  paths.setRoots(["vscode-remote://localhost:8080/home/u/factory"]);
  assert.equal(paths.pathOf("vscode-remote://localhost:8080/home/u/factory/pipeline/Copy.json"), "/home/u/factory/pipeline/Copy.json");
  // Percent-encoding is undone for the engine and kept for the client.
  const spaced = "vscode-remote://localhost:8080/home/u/factory/dataset/My%20Data.json";
  assert.equal(paths.learn(spaced), "/home/u/factory/dataset/My Data.json");
  assert.equal(paths.uriOf("/home/u/factory/dataset/My Data.json"), spaced);
  // A path the client never named (a renamed file) lands under its workspace folder.
  assert.equal(paths.uriOf("/home/u/factory/dataset/New.json"), "vscode-remote://localhost:8080/home/u/factory/dataset/New.json");
});

test("other views of a file never join the factory", () => {
  const paths = new Paths();
  paths.setRoots(["vscode-vfs://github/o/r"]);
  assert.equal(paths.pathOf("vscode-vfs://github/o/r/pipeline/P.json"), "/o/r/pipeline/P.json");
  for (const uri of [
    "git:/o/r/pipeline/P.json?%7B%22ref%22%3A%22HEAD%22%7D",
    "untitled:Untitled-1",
    "vscode-vfs://other/o/r/pipeline/P.json",
    "output:extension-output-adf",
    "not a uri",
  ]) {
    assert.equal(paths.pathOf(uri), undefined, uri);
  }
});

test("a file opened alone (no folder): only file: URIs are files", () => {
  const paths = new Paths();
  paths.setRoots([]);
  assert.equal(paths.pathOf("file:///w/f/pipeline/P.json"), "/w/f/pipeline/P.json");
  assert.equal(paths.pathOf("untitled:Untitled-1"), undefined);
  assert.equal(paths.uriOf("/w/f/pipeline/P.json"), "file:///w/f/pipeline/P.json");
});
