// Puts the `adf` binary where the extension looks for its bundled server
// (server/<platform>-<arch>/adf). The .vsix is platform-specific (vsce --target linux-x64):
// the native binary only runs there. It is the portable build (scripts/build-portable.sh: the
// binary the wheel and the npm package ship, linked for glibc 2.17) when there is one, so every
// package carries the same bytes; else the release build; ADF_BINARY names another.
import { copyFileSync, chmodSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, "..");
// `--none`: no binary at all, for the universal .vsix (its desktops run the wasm server).
if (process.argv.includes("--none")) {
  rmSync(join(ext, "server"), { recursive: true, force: true });
  process.exit(0);
}
const portable = join(ext, "..", "target", "portable", "adf");
const source =
  process.env.ADF_BINARY ??
  (existsSync(portable) ? portable : join(ext, "..", "target", "release", "adf"));
if (!existsSync(source)) {
  console.error(`error: ${source} missing: run \`cargo build --release -p adf-cli\` first (or set ADF_BINARY)`);
  process.exit(2);
}
const target = process.env.ADF_TARGET ?? `${process.platform}-${process.arch}`;
rmSync(join(ext, "server"), { recursive: true, force: true });
const dest = join(ext, "server", target, process.platform === "win32" ? "adf.exe" : "adf");
mkdirSync(dirname(dest), { recursive: true });
copyFileSync(source, dest);
chmodSync(dest, 0o755);
console.log(`bundled ${source} as ${dest}`);
