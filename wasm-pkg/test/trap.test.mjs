// A trap (a Rust panic aborts on wasm32 and kills the instance) is recovered from: the wrapper
// instantiates the module again, replays the files and configuration, and retries the call.

import { test } from "node:test";
import assert from "node:assert/strict";
import { AdfWorkspace, AdfWasmTrapError } from "adf-language-tools-wasm";
import { exampleDir, readFolder } from "./helpers.mjs";

const files = readFolder(exampleDir());

function loaded() {
  const ws = new AdfWorkspace();
  for (const f of files) ws.setFile(f.path, f.text);
  return ws;
}

test("a call that traps once is answered from a new instance with the files replayed", () => {
  const ws = loaded();
  ws.setConfig("adf.toml", '[rules]\nv1-input-not-external = "hint"\n');
  const before = ws.allDiagnostics();
  assert.ok(before.some((f) => f.diagnostics.length > 0));

  ws.__trapOnNextCall();
  const after = ws.allDiagnostics();

  assert.equal(ws.recoveries, 1, "the workspace was rebuilt in a new instance");
  assert.deepEqual(after, before, "files and configuration were replayed");
  assert.deepEqual(ws.paths(), files.map((f) => f.path).sort());
});

test("a call that traps again throws a clear error, and the next call works", () => {
  const ws = loaded();
  const other = loaded();
  let error;
  try {
    ws.__trap();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AdfWasmTrapError, String(error));
  assert.match(error.message, /crashed twice/);
  assert.match(error.panic ?? "", /__trap\(\) called/);
  assert.ok(error.cause instanceof WebAssembly.RuntimeError);

  // Both workspaces live in the restarted instance and replay their files on their next call.
  assert.equal(ws.paths().length, files.length);
  assert.equal(other.allDiagnostics().length, files.length);
  assert.ok(other.recoveries >= 1);
});
