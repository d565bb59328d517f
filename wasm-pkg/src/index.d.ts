// Types of the wrapper. The plain objects (`Diagnostic`, `Graph`, ...) and the engine's
// `Workspace` with every query are declared in the bindings, generated from the Rust types
// (crates/adf-wasm/src/types.rs and lib.rs); `AdfWorkspace` has each of those queries.

import type { Workspace } from "../dist/adf_wasm.js";

export type * from "../dist/adf_wasm.js";

/** What `initialize` accepts: a URL, a fetch response, bytes or a compiled module. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response>;

/** Thrown when a call traps again after the module was instantiated anew. */
export class AdfWasmTrapError extends Error {
  /** The engine's panic message, when it could be read. */
  readonly panic: string | undefined;
}

/** Loads and instantiates the module once (the browser entry fetches the .wasm beside it). */
export function initialize(wasm?: WasmSource): Promise<void>;
/** Synchronous initialisation from bytes or a compiled module. */
export function initializeSync(wasm: BufferSource | WebAssembly.Module): void;
/** Creates a workspace once the module is loaded. */
export function createWorkspace(options?: { wasm?: WasmSource }): Promise<AdfWorkspace>;
/** The version of the engine. */
export function version(): string;

/** The engine's methods as `AdfWorkspace` forwards them (documented in the bindings). */
type Queries = Omit<Workspace, "free" | typeof Symbol.dispose>;

/**
 * An ADF workspace: files and `adf.toml` configurations pushed by path; positions are
 * `{line, character}`, zero-based, in UTF-16 code units. Bad input (unknown path, position outside
 * the text, invalid configuration) throws an `Error` with a message. A trap of the engine is
 * recovered from by re-instantiating it and replaying the files; a second one throws
 * `AdfWasmTrapError`. Every method of the engine's `Workspace` is one of its methods.
 */
export interface AdfWorkspace extends Queries {}
export class AdfWorkspace {
  /** Throws unless the module is initialised (the Node entry initialises on import). */
  constructor();
  /** How many times this workspace replayed its files into a new instance. */
  recoveries: number;
  /** Test hook: makes the engine trap now (and on the retry, so this throws). */
  __trap(): never;
  /** Test hook: the next call traps once before it runs, so it recovers and answers. */
  __trapOnNextCall(): void;
  /** Frees the engine's memory for this workspace. */
  free(): void;
}
