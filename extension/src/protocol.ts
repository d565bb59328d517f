// The messages the extension adds to LSP, shared by the client and the wasm server.

/** Client → server notification: texts of workspace files read by the client (the server
 * cannot read a disk), and URIs of files gone. The first one carries every JSON file and
 * `adf.toml` of the workspace; later ones what the file watcher saw change. Which of them
 * belong to a factory is the engine's decision. */
export const FILES_NOTIFICATION = "adf/files";

export interface FileText {
  uri: string;
  text: string;
}

export interface FilesParams {
  changed?: FileText[];
  removed?: string[];
}

/** Client → server request, no params: the dependency graph of every factory of the
 * workspace, the object `adf graph --format json` prints (nodes, edges; node paths are the
 * server's paths of the files, the path part of their URIs). */
export const GRAPH_REQUEST = "adf/graph";

/** `workspace/executeCommand` command of both servers: the expression-valued string at a
 * position, the inputs it reads and its value with `inputs` over the declared defaults. */
export const EVALUATE_COMMAND = "adf.evaluate";

/** The one argument of {@link EVALUATE_COMMAND}. `inputs` maps input names (as the answer's
 * `inputs[].name`) to the text a user typed: JSON when it parses, else a string. */
export interface EvaluateArgs {
  uri: string;
  position: { line: number; character: number };
  inputs?: Record<string, string>;
}

/** One input of an expression; `default` is compact JSON or null. */
export interface EvalInput {
  name: string;
  kind: string;
  default: string | null;
}

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** The answer of {@link EVALUATE_COMMAND} (null outside an expression). */
export interface Evaluation {
  expression: string;
  range: Range;
  inputs: EvalInput[];
  result:
    | { kind: "value"; value: string }
    | { kind: "unknown"; needs: string[] }
    | { kind: "error"; message: string; range: Range };
  ignored: string[];
}
