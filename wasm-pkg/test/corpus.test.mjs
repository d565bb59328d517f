// The wasm engine gives the same findings as `adf check --format json` on ../shared/corpus, file
// by file, and the same graph as `adf graph --format json`. The CLI walks the folder itself; here the same files (every *.json outside the folders
// the CLI never enters) are pushed in one setFiles call, with the CLI's path strings.
// ADF_BIN names the CLI binary (scripts/test-wasm.sh builds it); without it the test is skipped
// unless ADF_CORPUS_REQUIRED=1.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AdfWorkspace } from "adf-language-tools-wasm";
import { repoDir, sharedDir } from "./helpers.mjs";

const SKIPPED_DIRS = new Set([".git", "node_modules", "target", ".vs", ".vscode", "bin", "obj"]);

function walk(dir, rel, out) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const path = `${rel}/${name}`;
    const st = statSync(full);
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(full, path, out);
    } else if (st.isFile() && name.toLowerCase().endsWith(".json")) {
      out.push({ full, path });
    }
  }
  return out;
}

/** 1-based line and character column (as the CLI prints) of a UTF-16 position in a text. */
function cliPosition(lines, p) {
  const line = lines[p.line] ?? "";
  return [p.line + 1, [...line.slice(0, p.character)].length + 1];
}

function adfBin() {
  if (process.env.ADF_BIN) return process.env.ADF_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(repoDir, "target");
  const bin = join(target, "release", "adf");
  return existsSync(bin) ? bin : undefined;
}

const corpus = join(sharedDir, "corpus");
const bin = adfBin();
const skip =
  process.env.ADF_CORPUS_REQUIRED === "1"
    ? false
    : !existsSync(corpus)
      ? "no ../shared/corpus"
      : !bin
        ? "no adf binary (set ADF_BIN)"
        : false;

test("wasm diagnostics equal `adf check --format json` on the corpus, file by file", { skip }, () => {
  assert.ok(existsSync(corpus), `${corpus} exists`);
  assert.ok(bin && existsSync(bin), `adf binary ${bin} exists`);
  const run = spawnSync(bin, ["check", "--format", "json", "corpus"], {
    cwd: sharedDir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, `adf check exited ${run.status}: ${run.stderr}`);
  const cli = JSON.parse(run.stdout);

  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const texts = new Map();
  const unreadable = [];
  for (const f of walk(corpus, "corpus", [])) {
    try {
      texts.set(f.path, decoder.decode(readFileSync(f.full)));
    } catch {
      unreadable.push(f.path);
    }
  }
  assert.deepEqual(unreadable.sort(), cli.errors.map((e) => e.file).sort(), "unreadable files");

  const ws = new AdfWorkspace();
  ws.setFiles([...texts].map(([path, text]) => ({ path, text })));
  const wasm = new Map();
  for (const f of ws.allDiagnostics()) {
    const lines = texts.get(f.path).split(/\r\n|\r|\n/);
    wasm.set(
      f.path,
      f.diagnostics.map((d) => {
        const [line, column] = cliPosition(lines, d.range.start);
        const [endLine, endColumn] = cliPosition(lines, d.range.end);
        return { line, column, endLine, endColumn, severity: d.severity, code: d.code, rule: d.rule, message: d.message };
      }),
    );
  }
  const expected = new Map();
  for (const d of cli.diagnostics) {
    const { file, fingerprint, ...rest } = d;
    if (!expected.has(file)) expected.set(file, []);
    expected.get(file).push(rest);
  }

  const mismatches = [];
  for (const path of new Set([...expected.keys(), ...wasm.keys()])) {
    const a = expected.get(path) ?? [];
    const b = wasm.get(path) ?? [];
    if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push({ path, cli: a, wasm: b });
  }
  const total = cli.diagnostics.length;
  console.log(
    `corpus: ${texts.size} files, ${total} CLI findings, ${wasm.size} files in wasm, ${mismatches.length} files differ`,
  );
  for (const m of mismatches.slice(0, 5)) console.log(JSON.stringify(m, null, 1));
  assert.equal(wasm.size, texts.size, "every file is in the wasm workspace");
  assert.ok(total > 0, "the corpus has findings to compare");
  assert.deepEqual(mismatches.map((m) => m.path), [], "files whose findings differ");
});

test("the wasm graph equals `adf graph --format json` on the corpus", { skip }, () => {
  assert.ok(bin && existsSync(bin), `adf binary ${bin} exists`);
  const run = spawnSync(bin, ["graph", "--format", "json", "corpus"], {
    cwd: sharedDir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `adf graph exited ${run.status}: ${run.stderr}`);
  const cli = JSON.parse(run.stdout);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const files = [];
  for (const f of walk(corpus, "corpus", [])) {
    try {
      files.push({ path: f.path, text: decoder.decode(readFileSync(f.full)) });
    } catch {
      // Unreadable files are left out of both (the CLI reports them in `adf check`).
    }
  }
  const ws = new AdfWorkspace();
  ws.setFiles(files);
  const wasm = ws.graph();
  console.log(`corpus graph: ${cli.nodes.length} nodes, ${cli.edges.length} edges`);
  assert.ok(cli.nodes.some((n) => n.range !== null), "the CLI gives name ranges");
  // In full: nodes with kinds, paths and UTF-16 name ranges; edges with their links.
  assert.deepEqual(wasm, cli);
});
