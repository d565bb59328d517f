// The package's entry for Node.js: the same bindings as the browser entry, instantiated
// synchronously from the .wasm file beside them (Node's fetch cannot read file: URLs).

import { readFileSync } from "node:fs";
import { initializeSync } from "./index.js";

initializeSync(readFileSync(new URL("../dist/adf_wasm_bg.wasm", import.meta.url)));

export * from "./index.js";
