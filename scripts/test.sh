#!/usr/bin/env bash
# The whole test suite: formatting, lints, the wasm32 build of the core, one release build of the
# CLI shared by the end-to-end tests, then every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

# What a fresh machine may lack (idempotent and quick when present).
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

[ -d ../shared ] || { echo "error: ../shared (the shared test material) must sit beside the repository" >&2; exit 2; }

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== adf-core for wasm32-unknown-unknown"
cargo build --locked -p adf-core --target wasm32-unknown-unknown
echo "== release build of the CLI (shared by the end-to-end tests)"
cargo build --locked --release -p adf-cli
echo "== tests (the catalog and rule-page freshness checks are tests of xtask)"
cargo test --workspace --locked
echo "all green"
