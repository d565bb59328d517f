#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on node 20) from npm into
# extension/.code-server/ (gitignored), once: a second run finds it and returns at once.
# Offline apart from the npm registry, per ../shared/recipes/code-server.md.
set -euo pipefail
cd "$(dirname "$0")/../extension"
dest="$PWD/.code-server"
version=4.100.3
if [ -x "$dest/node_modules/.bin/code-server" ] && [ "$(cat "$dest/.installed" 2>/dev/null)" = "$version" ]; then
    exit 0
fi
for tool in rg /usr/bin/chromium; do
    command -v "$tool" >/dev/null || { echo "error: $tool missing (apt-get install ripgrep chromium libkrb5-dev; .ci/run does it)" >&2; exit 2; }
done
# The kerberos module compiles against the Kerberos headers (no prebuilt binary for node 20).
if command -v dpkg >/dev/null && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    echo "error: libkrb5-dev missing (apt-get install libkrb5-dev; .ci/run does it)" >&2; exit 2
fi
rm -rf "$dest" && mkdir -p "$dest"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds it:
# seed the cache with Debian's rg (TMPDIR must be the same for the seeding and the install).
mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11" "$tmp/seed"
cp "$(command -v rg)" "$tmp/seed/rg"
tar czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/seed" rg
echo '{"private":true}' > "$dest/package.json"
# node-pty's postinstall runs `npx node-gyp` (npm_config_yes lets it); as root, --unsafe-perm.
(cd "$dest" && TMPDIR="$tmp" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
    --foreground-scripts "code-server@$version" > "$tmp/install.log" 2>&1) || {
    tail -40 "$tmp/install.log" >&2; echo "error: code-server install failed" >&2; exit 1; }
echo "$version" > "$dest/.installed"
