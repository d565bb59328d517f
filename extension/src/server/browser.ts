// The wasm server on one end of a MessagePort, in the same worker as the extension host (see
// src/browser.ts for why not a Worker of its own).

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { initializeSync } from "../../../wasm-pkg/src/index.js";
import { startServer } from "./server";

/** Starts the server on `port` with the engine compiled from `wasm` (the .wasm's bytes). */
export function startPortServer(port: MessagePort, wasm: Uint8Array): void {
  initializeSync(wasm);
  startServer(createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port)));
}
