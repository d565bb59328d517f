// The analysis worker: it owns the wasm workspace, so a long check never blocks typing. The page
// sends requests `{id, op, ...}` and gets `{id, ok, result}` or `{id, ok: false, error}` back, in
// order. Requests that read a file carry the editor's text when the page has not sent it yet, so
// a query always sees what the user sees.

import { AdfWorkspace, createWorkspace, version } from "adf-language-tools-wasm";

const WASM_URL = new URL("./adf_wasm_bg.wasm", self.location.href);
const ready = createWorkspace({ wasm: WASM_URL }).then((ws) => (workspace = ws));
/** @type {AdfWorkspace} replaced as a whole when a new factory is loaded */
let workspace;
/** @type {Map<string, string>} what the workspace holds, to skip re-sending an unchanged text */
const texts = new Map();
/** Paths whose findings changed through a text that rode along with a query (see `update`). */
const dirty = new Set();

/** The graph last sent, as JSON: an unchanged graph is not sent again. */
let graphSent = "";

function graphIfChanged(ws) {
  const graph = ws.graph();
  const key = JSON.stringify(graph);
  if (key === graphSent) return null;
  graphSent = key;
  return graph;
}

const isConfig = (path) => path === "adf.toml" || path.endsWith("/adf.toml");

// A mistake in an `adf.toml` is the engine's `invalid-config` finding of that file, like any
// other file's findings.
function put(ws, path, text) {
  if (texts.get(path) === text) return [];
  texts.set(path, text);
  return isConfig(path) ? ws.setConfig(path, text) : ws.setFile(path, text);
}

function remove(ws, path) {
  if (!texts.delete(path)) return [];
  return isConfig(path) ? ws.removeConfig(path) : ws.removeFile(path);
}

/** The findings of `paths` (plus `also`), as `{path: Diagnostic[]}` of the files still there. */
function findings(ws, paths, also) {
  const out = {};
  for (const p of new Set([...paths, ...(also ?? [])])) if (texts.has(p)) out[p] = ws.diagnostics(p);
  return out;
}

// Positions inside `text`: the page asks at the place it shows; edits elsewhere don't matter.
const ops = {
  version: () => version(),
  /** Replaces the whole workspace. */
  load(ws, { files }) {
    // Removing files one by one re-checks their factory each time; a new workspace is cheaper.
    if ([...texts.keys()].some((p) => !(p in files))) {
      ws.free();
      ws = workspace = new AdfWorkspace();
      texts.clear();
      dirty.clear();
    }
    const plain = [];
    for (const [path, text] of Object.entries(files)) {
      if (isConfig(path)) put(ws, path, text);
      else if (texts.get(path) !== text) {
        texts.set(path, text);
        plain.push({ path, text });
      }
    }
    if (plain.length) ws.setFiles(plain);
    graphSent = "";
    return { diagnostics: findings(ws, texts.keys()), graph: graphIfChanged(ws) };
  },
  /** One edited file: returns the findings of every file the edit changed. */
  update(ws, { path, text }) {
    const changed = [...put(ws, path, text), ...dirty, path];
    dirty.clear();
    return { diagnostics: findings(ws, changed), graph: graphIfChanged(ws) };
  },
  remove(ws, { path }) {
    const changed = remove(ws, path);
    return { diagnostics: findings(ws, changed), graph: graphIfChanged(ws) };
  },
  completion: (ws, { path, position }) => ws.completion(path, position),
  hover: (ws, { path, position }) => ws.hover(path, position),
  evaluate: (ws, { path, position, inputs }) => ws.evaluate(path, position, inputs),
  definition: (ws, { path, position }) => ws.definition(path, position),
  references: (ws, { path, position }) => ws.references(path, position),
  codeActions: (ws, { path, range }) => ws.codeActions(path, range),
  graph: (ws) => ws.graph(),

  /** Benchmark: a fresh workspace checks `files` (setFiles + allDiagnostics), `runs` times. */
  benchCheck(_ws, { files, runs }) {
    const list = Object.entries(files).map(([path, text]) => ({ path, text }));
    const times = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const fresh = new AdfWorkspace();
      fresh.setFiles(list);
      const all = fresh.allDiagnostics();
      const t1 = performance.now();
      fresh.free();
      count = all.reduce((n, f) => n + f.diagnostics.length, 0);
      times.push(t1 - t0);
    }
    return { times, diagnostics: count };
  },
  /**
   * Benchmark: `samples` keystrokes in `path` of the loaded workspace: each types or deletes one
   * character at `offset`, then `setFile` + `diagnostics` of that file, timed here.
   */
  benchKeystroke(ws, { path, offset, samples }) {
    const base = texts.get(path);
    if (base === undefined) throw new Error(`no file ${path}`);
    const times = [];
    for (let i = 0; i < samples; i++) {
      const text = i % 2 === 0 ? base.slice(0, offset) + "x" + base.slice(offset) : base;
      const t0 = performance.now();
      ws.setFile(path, text);
      ws.diagnostics(path);
      times.push(performance.now() - t0);
    }
    ws.setFile(path, base);
    return { times, crossOriginIsolated: self.crossOriginIsolated === true };
  },
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    await ready;
    const ws = workspace;
    const fn = ops[op];
    if (!fn) throw new Error(`unknown request ${op}`);
    // The editor's text rides along with a query when the worker has not seen it yet.
    if (data.sync) for (const p of put(ws, data.sync.path, data.sync.text)) dirty.add(p);
    self.postMessage({ id, ok: true, result: fn(ws, data) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e?.message ?? e) });
  }
};
