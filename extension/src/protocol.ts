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
