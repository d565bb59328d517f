#!/usr/bin/env bash
# Builds the npm package in wasm-pkg/ from a clean checkout: adf-wasm for wasm32 (release),
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock (installed into
# the target folder, reused when already that version), wasm-opt from npm's `binaryen` (pinned in
# wasm-pkg/package.json; Debian's is too old), then prints the size of the .wasm raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
tools="$CARGO_TARGET_DIR/tools"
pkg="$repo/wasm-pkg"
out="$pkg/dist"
start=$SECONDS

command -v npm >/dev/null || { echo "error: npm (Node.js 18 or later) is needed" >&2; exit 2; }
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The bindings' JavaScript and the crate must agree on the exact version.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$bindgen_version" ] || { echo "error: no wasm-bindgen in Cargo.lock" >&2; exit 2; }
bindgen="$tools/bin/wasm-bindgen"
if [ "$("$bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
    echo "== installing wasm-bindgen-cli $bindgen_version into $tools"
    # --locked first; the registry may lack a version its lockfile names (then resolve afresh).
    cargo install wasm-bindgen-cli --version "$bindgen_version" --locked --root "$tools" ||
        cargo install wasm-bindgen-cli --version "$bindgen_version" --root "$tools"
fi

echo "== npm ci (binaryen's wasm-opt, typescript) in wasm-pkg"
pinned_ok=$(cd "$pkg" && node -e '
const p = require("./package.json");
const ok = Object.entries(p.devDependencies).every(([n, v]) => {
  try { return require(`./node_modules/${n}/package.json`).version === v; } catch { return false; }
});
console.log(ok ? "yes" : "no");')
if [ "$pinned_ok" = yes ]; then
    echo "already installed at the pinned versions"
else
    (cd "$pkg" && npm ci --no-audit --no-fund)
fi

echo "== cargo build -p adf-wasm --target wasm32-unknown-unknown --release"
# Size over speed for this one artifact: the workspace's release profile (optimised for speed)
# suits the CLI. panic = "unwind" is ignored on wasm32, where panics abort.
CARGO_PROFILE_RELEASE_OPT_LEVEL=s CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    cargo build --locked -p adf-wasm --target wasm32-unknown-unknown --release
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/adf_wasm.wasm"

echo "== wasm-bindgen --target web"
rm -rf "$out"
mkdir -p "$out"
"$bindgen" --target web --experimental-reset-state-function --out-dir "$out" "$raw"
rm -f "$out/adf_wasm_bg.wasm.d.ts"

echo "== wasm-opt -Oz ($("$pkg/node_modules/.bin/wasm-opt" --version))"
# The features rustc enables by default for wasm32-unknown-unknown.
"$pkg/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/adf_wasm_bg.wasm" -o "$out/adf_wasm_bg.opt.wasm"
mv "$out/adf_wasm_bg.opt.wasm" "$out/adf_wasm_bg.wasm"

size=$(wc -c <"$out/adf_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/adf_wasm_bg.wasm" | wc -c)
echo "wasm size: $size bytes raw, $gz bytes gzipped (-9)"
limit=$((1536 * 1024))
if [ "$gz" -gt "$limit" ]; then
    echo "error: the gzipped .wasm exceeds 1.5 MB" >&2
    exit 1
fi
echo "built wasm-pkg/dist in $((SECONDS - start)) s"
