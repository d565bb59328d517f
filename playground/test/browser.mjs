// Shared by the tests: the built page served locally and Debian's Chromium driven by
// playwright-core. No browser is ever downloaded: /usr/bin/chromium must be installed.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const DIST = fileURLToPath(new URL("../dist", import.meta.url));
export const RESULTS = fileURLToPath(new URL("../test-results", import.meta.url));

/** Opens the built playground in a fresh headless Chromium; `close()` ends both. */
export async function openPlayground({ hash = "" } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (the tests never download a browser)`);
  }
  if (!existsSync(join(DIST, "index.html"))) throw new Error("playground/dist is missing: npm run build");
  const server = await serve(DIST);
  const profile = mkdtempSync(join(tmpdir(), "adf-playground-chromium-"));
  // playwright-core takes the profile folder as an argument (it rejects --user-data-dir in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url + hash);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return {
    page,
    url: server.url,
    errors,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
