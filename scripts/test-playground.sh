#!/usr/bin/env bash
# Tests of the web playground (playground/): builds the wasm package when its dist is missing or
# older than the engine's sources (scripts/build-wasm.sh), the release CLI and the N = 100 factory
# the benchmark compares against, then `npm ci`, `npm run build` and `npm test` in playground:
# the page in headless Chromium (Debian's /usr/bin/chromium, never a downloaded one) and the
# benchmark. The screenshot lands in playground/test-results/playground.png, the numbers in
# playground/test-results/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
start=$SECONDS

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "error: $chromium is missing; install Debian's Chromium: apt-get install -y chromium" >&2
    echo "       (the playground tests drive it with playwright-core and never download a browser)" >&2
    exit 2
fi
command -v node >/dev/null || { echo "error: Node.js 18 or later is needed" >&2; exit 2; }

wasm="wasm-pkg/dist/adf_wasm_bg.wasm"
stale=$(find crates Cargo.lock -newer "$wasm" \( -name '*.rs' -o -name '*.toml' -o -name '*.d.ts' -o -name Cargo.lock \) -print -quit 2>/dev/null || true)
if [ ! -f "$wasm" ] || [ -n "$stale" ]; then
    echo "== building the wasm package (${stale:-no dist yet})"
    bash scripts/build-wasm.sh
else
    echo "== wasm package is up to date"
fi

echo "== release CLI and the generated N = 100 factory (the benchmark's reference)"
cargo build --locked --release -p adf-cli -p xtask
bench_dir=$(mktemp -d)
trap 'rm -rf "$bench_dir"' EXIT
"$CARGO_TARGET_DIR/release/xtask" gen-factory --pipelines 100 --out "$bench_dir/gen100" >/dev/null

cd playground
echo "== npm ci && npm run build (playground)"
npm ci --no-audit --no-fund
npm run build

echo "== npm test (playground: Chromium and the benchmark)"
CHROMIUM="$chromium" ADF_BIN="$CARGO_TARGET_DIR/release/adf" ADF_BENCH_FACTORY="$bench_dir/gen100" npm test
echo "playground tests done in $((SECONDS - start)) s; screenshot: playground/test-results/playground.png"
