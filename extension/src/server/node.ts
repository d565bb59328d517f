// The wasm server under Node (dist/server-node.js): the desktop's fallback where no native
// `adf` exists for the platform, and the parity test's second server. The transport is
// whatever the command line names (`--node-ipc` from the client, `--stdio` in the test).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { initializeSync } from "../../../wasm-pkg/src/index.js";
import { startServer } from "./server";

// The bundle sits in dist/ beside the .wasm it was built with (build.mjs copies it there).
initializeSync(readFileSync(join(__dirname, "adf_wasm_bg.wasm")));
startServer(createConnection(ProposedFeatures.all));
