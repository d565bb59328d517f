// Shared helpers of the package's tests: fixture folders and positions found by text.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoDir = dirname(pkgDir);
export const sharedDir = join(dirname(repoDir), "shared");

/** The v1 example factory: ../shared's copy, else the repository's own example. */
export function exampleDir() {
  const shared = join(sharedDir, "examples", "ml-retraining-v1");
  return existsSync(shared) ? shared : join(repoDir, "examples", "ml-retraining");
}

/** Every `*.json` file of a flat folder as `{path, text}` (paths relative to it). */
export function readFolder(dir) {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), "utf8") }));
}

/**
 * The `{line, character}` of the `nth` occurrence of `needle` in `text`, moved `delta` UTF-16
 * units into it (JavaScript strings count in UTF-16 as the engine does).
 */
export function positionOf(text, needle, delta = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  const character = offset - (before.lastIndexOf("\n") + 1);
  return { line, character };
}

/** The text a range covers in a file. */
export function textAt(text, range) {
  const lines = text.split("\n");
  const offset = (p) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}
