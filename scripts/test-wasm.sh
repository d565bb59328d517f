#!/usr/bin/env bash
# Tests of the WebAssembly package: builds it (scripts/build-wasm.sh), builds the CLI the corpus
# comparison runs against, then `npm test` in wasm-pkg (node's test runner: the engine's queries,
# trap recovery, the TypeScript declarations under tsc --strict, `npm pack` installed into a fresh
# folder, and the wasm diagnostics against `adf check --format json` on ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
start=$SECONDS

[ -d ../shared/corpus ] || { echo "error: ../shared (the shared test material) must sit beside the repository" >&2; exit 2; }
command -v node >/dev/null || { echo "error: Node.js 18 or later is needed" >&2; exit 2; }

bash scripts/build-wasm.sh

echo "== release build of the CLI (the corpus comparison's reference)"
cargo build --locked --release -p adf-cli

echo "== npm test (wasm-pkg)"
cd wasm-pkg
ADF_BIN="$CARGO_TARGET_DIR/release/adf" ADF_CORPUS_REQUIRED=1 npm test
echo "wasm tests done in $((SECONDS - start)) s"
