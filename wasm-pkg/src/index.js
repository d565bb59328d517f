// The package's entry for browsers and bundlers, and the wrapper every entry shares.
//
// On wasm32 a Rust panic aborts: the call traps (`WebAssembly.RuntimeError: unreachable`) and the
// instance's state can no longer be trusted. `AdfWorkspace` keeps the files and configurations it
// was given, so after a trap it instantiates the module again, replays them and retries the call
// once; a second trap throws `AdfWasmTrapError`.

import init, * as bindings from "../dist/adf_wasm.js";

/** Thrown when a call traps again after the module was instantiated anew. */
export class AdfWasmTrapError extends Error {
  constructor(message, options) {
    super(message, { cause: options?.cause });
    this.name = "AdfWasmTrapError";
    /** The panic message of the engine, when it could be read. */
    this.panic = options?.panic;
  }
}

// Bumped at each re-instantiation: every workspace made before it replays its files lazily.
let generation = 0;
let ready = false;
let loading;

function isTrap(e) {
  return (
    e instanceof WebAssembly.RuntimeError ||
    (e instanceof Error && /unreachable/i.test(e.message) && !(e instanceof AdfWasmTrapError))
  );
}

function panicMessage() {
  try {
    return bindings.lastPanic() ?? undefined;
  } catch {
    return undefined;
  }
}

function reinstantiate() {
  bindings.__wbg_reset_state();
  generation += 1;
}

/**
 * Loads and instantiates the WebAssembly module once. `wasm` may be a URL, a `Response`, bytes or
 * a compiled `WebAssembly.Module`; by default the `.wasm` beside the bindings is fetched
 * (`new URL('adf_wasm_bg.wasm', import.meta.url)`, which bundlers understand).
 */
export async function initialize(wasm) {
  if (ready) return;
  loading ??= init(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => {
    ready = true;
  });
  try {
    await loading;
  } catch (e) {
    loading = undefined;
    throw e;
  }
}

/** Synchronous initialisation from bytes or a compiled module (used by the Node entry). */
export function initializeSync(wasm) {
  if (ready) return;
  bindings.initSync({ module: wasm });
  ready = true;
}

/** Creates a workspace once the module is loaded (see `initialize`). */
export async function createWorkspace(options = {}) {
  await initialize(options.wasm);
  return new AdfWorkspace();
}

/** The version of the engine. */
export function version() {
  return bindings.version();
}

/** An ADF workspace: files pushed by path, queries at UTF-16 positions. */
export class AdfWorkspace {
  #files = new Map();
  #configs = new Map();
  /** The last text of each configuration that had no mistake (the engine keeps it in force). */
  #goodConfigs = new Map();
  #inner;
  #generation = -1;
  #trapNext = false;
  /** How many times this workspace replayed its files into a new instance. */
  recoveries = 0;

  constructor() {
    if (!ready) {
      throw new Error(
        "adf-language-tools-wasm is not initialised: await initialize() or createWorkspace() first",
      );
    }
    this.#ensure();
  }

  /** A fresh engine workspace holding every configuration and file given so far. */
  #ensure() {
    if (this.#generation === generation) return;
    const inner = new bindings.Workspace();
    for (const [path, text] of this.#configs) {
      const good = this.#goodConfigs.get(path);
      if (good !== undefined && good !== text) inner.setConfig(path, good);
      inner.setConfig(path, text);
    }
    if (this.#files.size > 0) {
      inner.setFiles([...this.#files].map(([path, text]) => ({ path, text })));
    }
    if (this.#generation !== -1) this.recoveries += 1;
    this.#inner = inner;
    this.#generation = generation;
  }

  /** Runs `f` on the engine; after a trap, re-instantiates, replays and tries once more. */
  #call(f) {
    let first;
    try {
      this.#ensure();
      if (this.#trapNext) {
        this.#trapNext = false;
        bindings.__trap();
      }
      return f(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      first = { error: e, panic: panicMessage() };
    }
    reinstantiate();
    try {
      this.#ensure();
      return f(this.#inner);
    } catch (e) {
      if (!isTrap(e)) throw e;
      const panic = panicMessage() ?? first.panic;
      // Leave a usable instance behind for the next call.
      reinstantiate();
      throw new AdfWasmTrapError(
        `the ADF engine crashed twice on this call, also after a restart with the files replayed${
          panic ? `: ${panic}` : ""
        }`,
        { cause: e, panic },
      );
    }
  }

  /** Adds or replaces a file; returns the paths whose findings were computed again. */
  setFile(path, text) {
    const changed = this.#call((w) => w.setFile(path, text));
    this.#files.set(path, text);
    return changed;
  }

  /** Adds or replaces many files at once; returns every path of the workspace. */
  setFiles(files) {
    const all = this.#call((w) => w.setFiles(files));
    for (const { path, text } of files) this.#files.set(path, text);
    return all;
  }

  /** Removes a file; returns the paths whose findings were computed again. */
  removeFile(path) {
    const changed = this.#call((w) => w.removeFile(path));
    this.#files.delete(path);
    return changed;
  }

  /** Every path of the workspace, sorted. */
  paths() {
    return this.#call((w) => w.paths());
  }

  /**
   * Adds or replaces the `adf.toml` at `path`; returns the paths whose findings may have
   * changed, `path` included. A mistake is the `invalid-config` finding of `path`.
   */
  setConfig(path, text) {
    const changed = this.#call((w) => w.setConfig(path, text));
    this.#configs.set(path, text);
    if (this.#call((w) => w.diagnostics(path)).length === 0) this.#goodConfigs.set(path, text);
    return changed;
  }

  /** Removes the `adf.toml` at `path`. */
  removeConfig(path) {
    const changed = this.#call((w) => w.removeConfig(path));
    this.#configs.delete(path);
    this.#goodConfigs.delete(path);
    return changed;
  }

  /** Test hook: makes the engine trap now (it traps on the retry too, so this throws). */
  __trap() {
    return this.#call(() => bindings.__trap());
  }

  /** Test hook: the next call traps once before it runs, so it recovers and answers. */
  __trapOnNextCall() {
    this.#trapNext = true;
  }

  /** Frees the engine's memory for this workspace. */
  free() {
    if (this.#generation === generation) this.#inner?.free();
    this.#inner = undefined;
    this.#generation = -1;
    this.#files.clear();
    this.#configs.clear();
  }

  // Every other method of the engine's `Workspace` (the queries) is forwarded as it is, with
  // the same recovery: a query added in Rust needs nothing here. The methods above change what
  // a replay must restore, so they are written out.
  static {
    for (const name of Object.getOwnPropertyNames(bindings.Workspace.prototype)) {
      if (name === "constructor" || name.startsWith("__") || Object.hasOwn(AdfWorkspace.prototype, name)) {
        continue;
      }
      Object.defineProperty(AdfWorkspace.prototype, name, {
        value: function (...args) {
          return this.#call((w) => w[name](...args));
        },
        writable: true,
        configurable: true,
      });
    }
  }
}
