#!/usr/bin/env bash
# The VS Code extension: strict type check, unit tests, the .vsix (with the release `adf`
# binary), then end to end in code-server 4.100.3 driven through Debian's Chromium.
# Needs node 20/npm, ripgrep, chromium and libkrb5-dev (.ci/run installs them); code-server is
# installed once into extension/.code-server/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/adf ] || cargo build --locked --release -p adf-cli
cd extension
echo "== extension: npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "== extension: tsc --strict and unit tests"
npm test
echo "== extension: .vsix"
npm run package
ls -l adf-language-tools-linux-x64.vsix
echo "== extension: code-server"
bash ../scripts/install-code-server.sh
echo "== extension: end to end in code-server"
node test/e2e.mjs adf-language-tools-linux-x64.vsix
