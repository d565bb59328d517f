#!/usr/bin/env bash
# The whole test suite: formatting, lints, one release build of the CLI shared by the end-to-end
# tests, every test of the workspace, then the wasm package (the core built for wasm32) and its
# tests, the npm CLI package (native and WASI fallback), the playground in headless Chromium, and
# the VS Code extension in code-server.
set -euo pipefail
cd "$(dirname "$0")/.."

# What a fresh machine may lack (idempotent and quick when present).
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1

[ -d ../shared ] || { echo "error: ../shared (the shared test material) must sit beside the repository" >&2; exit 2; }

# Each stage says when it starts, counted from the start of the suite, so a CI log shows what
# each part costs.
stage() { echo "== [${SECONDS} s] $*"; }

stage "cargo fmt --check"
cargo fmt --all -- --check
stage "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
stage "release build of the CLI (shared by the end-to-end tests)"
cargo build --locked --release -p adf-cli
stage "tests (the catalog and rule-page freshness checks are tests of xtask)"
cargo test --workspace --locked
stage "the Python wheel, pre-commit hook and CI action"; bash scripts/test-wheel.sh
stage "the WebAssembly package (build, npm test, tarball install, corpus against the CLI)"
bash scripts/test-wasm.sh
stage "the npm CLI package (native and WASI fallback)"
bash scripts/test-npm.sh
stage "the playground in headless Chromium (page tests and the in-browser benchmark)"
bash scripts/test-playground.sh
stage "the VS Code extension (tsc, unit tests, .vsix, end to end in code-server)"
bash scripts/test-extension.sh
stage "the release: scripts/dist.sh, then the README's install lines on its artefacts"
bash scripts/test-dist.sh
echo "all green in ${SECONDS} s"
