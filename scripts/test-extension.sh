#!/usr/bin/env bash
# The VS Code extension: strict type check, unit tests, the .vsix (with the portable `adf` binary
# of scripts/build-portable.sh when it was built, else the release one, and the wasm server),
# the parity of the native and wasm servers on the corpora, then end to end in code-server
# 4.100.3 driven through Debian's Chromium: the desktop entry (the native server), the web entry
# (the wasm server in the web worker extension host) and the universal .vsix's fallback (the
# wasm server in Node, where no binary is bundled).
# Needs node 20/npm, ripgrep, chromium and libkrb5-dev (.ci/run installs them); code-server is
# installed once into extension/.code-server/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/adf ] || cargo build --locked --release -p adf-cli
[ -f wasm-pkg/dist/adf_wasm_bg.wasm ] || bash scripts/build-wasm.sh
cd extension
echo "== extension: npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "== extension: tsc --strict and unit tests"
npm test
echo "== extension: .vsix"
npm run package
ls -l adf-language-tools-linux-x64.vsix adf-language-tools.vsix dist/browser.js dist/server-node.js dist/adf_wasm_bg.wasm
echo "== extension: parity of the native and wasm servers on the corpora"
node test/parity.mjs
echo "== extension: code-server"
bash ../scripts/install-code-server.sh
echo "== extension: end to end in code-server"
node test/e2e.mjs adf-language-tools-linux-x64.vsix
echo "== extension: end to end of the web entry in code-server's web worker extension host"
node test/e2e-web.mjs adf-language-tools-linux-x64.vsix
echo "== extension: end to end of the universal .vsix on a desktop (the wasm server in Node)"
node test/e2e-web.mjs --node adf-language-tools.vsix
