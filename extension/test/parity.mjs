// Parity of the two language servers, headless: the native `adf lsp` over stdio and the wasm
// server under Node (dist/server-node.js, the one the browser entry runs) get the same JSON-RPC
// script on every factory folder of ../shared/corpus and ../shared/corpus-extra, each folder a
// workspace root, and must publish identical diagnostics: file (relative to the root), UTF-16
// range, rule, severity, message. Any difference is a bug of one of them. Where the native server
// answers `adf/graph`, both graphs must be the same object too.
//
// The script is what an editor does: initialize with the root as workspace folder, initialized,
// then `adf/files` with the texts of the root's JSON and adf.toml files as the extension's client
// reads them (the native server reads the disk itself and ignores that notification). The
// findings are final when the native server's indexing progress has ended and it went quiet,
// and, for the wasm server, when it answers `shutdown` (it handles messages in order, and
// publishes while it handles `adf/files`).
//
// Usage: node test/parity.mjs [ROOT...]   (ADF_BINARY names the native binary)

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Client } from "./lsp-client.mjs";

const ext = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(ext, "..");
const shared = resolve(repo, "..", "shared");
const adf = process.env.ADF_BINARY ?? join(repo, "target", "release", "adf");
const wasmServer = join(ext, "dist", "server-node.js");
for (const [what, file] of [["the native server", adf], ["the wasm server (npm run build)", wasmServer]]) {
  if (!existsSync(file)) {
    console.error(`error: ${what} is missing: ${file}`);
    process.exit(2);
  }
}

function factoryRoots() {
  const roots = [];
  for (const parent of ["corpus/v1", "corpus/v2", "corpus-extra"]) {
    const dir = join(shared, parent);
    for (const name of readdirSync(dir).sort()) {
      if (statSync(join(dir, name)).isDirectory()) roots.push(join(dir, name));
    }
  }
  return roots;
}

// What the extension's client sends (src/files.ts): every `*.json` and `adf.toml` below the
// root outside node_modules/ (and .git/, which VS Code's `files.exclude` hides), UTF-8 only, a
// byte order mark kept.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function workspaceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== ".git") walk(p);
      } else if (entry.isFile() && (entry.name.endsWith(".json") || entry.name === "adf.toml")) {
        try {
          out.push({ uri: pathToFileURL(p).href, text: decoder.decode(readFileSync(p)) });
        } catch {
          // Not UTF-8: neither server checks it.
        }
      }
    }
  };
  walk(root);
  return out;
}

async function session(kind, root, files) {
  const client = kind === "native" ? new Client(adf, ["lsp"]) : new Client(process.execPath, [wasmServer, "--stdio"]);
  const rootUri = pathToFileURL(root).href;
  await client.request("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: basename(root) }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { workspaceFolders: true },
      textDocument: { publishDiagnostics: {} },
    },
  });
  client.notify("initialized", {});
  client.notify("adf/files", { changed: files });
  if (kind === "native") await client.quiet(250);
  // The dependency graph, where the server has the request (MethodNotFound: not, then null).
  const graph = await client.request("adf/graph", null).catch((e) => {
    if (e.code === -32601) return null;
    throw e;
  });
  await client.request("shutdown", null);
  client.notify("exit", null);
  const code = await client.exited;
  if (code !== 0) throw new Error(`${kind} server exited with ${code}: ${client.stderr.slice(-2000)}`);
  // Final findings of each file, by path below the root; files left clean are not findings.
  const out = new Map();
  for (const [uri, diags] of client.diagnostics) {
    if (diags.length === 0) continue;
    const rel = relative(root, fileURLToPath(uri));
    // In one key order, so that the comparison is of values.
    const pos = (p) => ({ line: p.line, character: p.character });
    out.set(rel, diags.map((d) => ({
      range: { start: pos(d.range.start), end: pos(d.range.end) },
      severity: d.severity,
      code: d.code,
      source: d.source,
      message: d.message,
    })));
  }
  return { diagnostics: out, graph };
}

function differences(root, nativeRun, wasmRun) {
  const found = [];
  const [native, wasm] = [nativeRun.diagnostics, wasmRun.diagnostics];
  if (wasmRun.graph === null) found.push(`${basename(root)}: the wasm server has no adf/graph`);
  // The native server's adf/graph comes from another branch; until it answers, only the wasm
  // one is looked at. Both must then be the same object (`adf graph --format json`'s shape).
  if (nativeRun.graph !== null) {
    nativeHasGraph = true;
    const a = JSON.stringify(canonical(nativeRun.graph));
    const b = JSON.stringify(canonical(wasmRun.graph));
    if (a !== b) found.push(`${basename(root)}: adf/graph differs:\n  native: ${a.slice(0, 2000)}\n  wasm:   ${b.slice(0, 2000)}`);
  }
  for (const path of new Set([...native.keys(), ...wasm.keys()])) {
    const a = JSON.stringify(native.get(path) ?? []);
    const b = JSON.stringify(wasm.get(path) ?? []);
    if (a !== b) found.push(`${basename(root)}/${path}:\n  native: ${a}\n  wasm:   ${b}`);
  }
  return found;
}

// Objects with their keys sorted, so that JSON text compares values.
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

let nativeHasGraph = false;
let graphNodes = 0;
const started = Date.now();
const roots = process.argv.length > 2 ? process.argv.slice(2).map((r) => resolve(r)) : factoryRoots();
const failures = [];
let files = 0;
let findings = 0;
let next = 0;
// Two roots at once: each server is single-threaded enough, and CI machines have two cores.
async function worker() {
  while (next < roots.length) {
    const root = roots[next++];
    const pushed = workspaceFiles(root);
    const [native, wasm] = await Promise.all([session("native", root, pushed), session("wasm", root, pushed)]);
    files += pushed.length;
    for (const d of native.diagnostics.values()) findings += d.length;
    graphNodes += wasm.graph?.nodes?.length ?? 0;
    failures.push(...differences(root, native, wasm));
  }
}
await Promise.all([worker(), worker()]);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(failures.join("\n"));
  console.error(`parity: ${failures.length} files differ (${roots.length} roots, ${files} files) in ${seconds} s`);
  process.exit(1);
}
if (findings === 0) {
  console.error("parity: no findings at all, which the corpora do not allow: the servers did not check");
  process.exit(1);
}
if (graphNodes === 0) {
  console.error("parity: the wasm server's graphs hold no node at all");
  process.exit(1);
}
const graphs = nativeHasGraph ? `, graphs identical (${graphNodes} nodes)` : ` (adf/graph: ${graphNodes} nodes from the wasm server; the native server has no adf/graph yet)`;
console.log(`parity: ${roots.length} roots, ${files} files, ${findings} findings identical${graphs} in ${seconds} s`);
