// Every declared type compiles under `tsc --noEmit --strict` (test/types.ts uses them all).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pkgDir } from "./helpers.mjs";

test("the TypeScript declarations compile with --strict", () => {
  const tsc = join(pkgDir, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(pkgDir, "test", "tsconfig.json"), "--strict", "--noEmit"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
