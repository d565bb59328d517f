// Helpers for driving code-server's workbench through playwright-core, and for asking the native
// `adf lsp` what a workbench must show (the reference answers).
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// Quick Open, then a click on the file's row once the search lists it (typing Enter at once
// races the first file search); a keystroke a busy workbench drops is retried.
export async function openFile(page, name, folder = "") {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press("Control+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(folder ? `${folder}/${name}` : name);
      const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first();
      await row.waitFor({ state: "visible", timeout: 10000 });
      await row.click();
      await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 10000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
  await page.waitForTimeout(500);
}

export async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press("F1");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(`>${title}`);
      const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
      await row.waitFor({ state: "visible", timeout: 10000 });
      await row.click();
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
  await page.waitForTimeout(500);
}

export async function languageMode(page) {
  return (await page.locator("#status\\.editor\\.mode").innerText()).trim();
}

export async function problemRows(page, until, timeout) {
  let rows = [];
  await waitFor(async () => {
    rows = await page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => ({
      aria: e.getAttribute("aria-label") ?? "",
      text: e.innerText,
      links: [...e.querySelectorAll("a, .monaco-link, .code-link")].map((a) => a.outerHTML),
      html: e.innerHTML,
    })));
    return until(rows);
  }, timeout, "the Problems panel").catch((e) => {
    console.error("rows:", rows);
    throw e;
  });
  return rows;
}

export function norm(s) {
  return s.replace(/\s+/g, " ").trim();
}

export function findFiles(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findFiles(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

export async function waitFor(check, timeout, what) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** One request to the native `adf lsp` over stdio about `file` of the workspace `root`, with
 * `text` as the editor holds it. */
export async function serverAsk(adf, root, file, text, method, position) {
  const p = spawn(adf, ["lsp"], { stdio: ["pipe", "pipe", "ignore"] });
  let buf = Buffer.alloc(0);
  const waiters = new Map();
  let id = 0;
  p.stdout.on("data", (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const i = buf.indexOf("\r\n\r\n");
      if (i < 0) break;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, i).toString())[1]);
      if (buf.length < i + 4 + len) break;
      const m = JSON.parse(buf.subarray(i + 4, i + 4 + len).toString());
      buf = buf.subarray(i + 4 + len);
      if (m.id !== undefined && waiters.has(m.id) && m.method === undefined) {
        waiters.get(m.id)(m);
        waiters.delete(m.id);
      }
    }
  });
  const send = (m) => {
    const s = JSON.stringify({ jsonrpc: "2.0", ...m });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  const request = (method, params) => new Promise((resolve) => {
    const i = ++id;
    waiters.set(i, resolve);
    send({ id: i, method, params });
  });
  const rootUri = pathToFileURL(root).href;
  await request("initialize", {
    processId: null, rootUri, workspaceFolders: [{ uri: rootUri, name: "ws" }],
    capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] },
      completion: { completionItem: { snippetSupport: true } } } },
  });
  send({ method: "initialized", params: {} });
  const uri = pathToFileURL(file).href;
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "adf-json", version: 1, text } } });
  const answer = await request(method, { textDocument: { uri }, position });
  await request("shutdown", null);
  send({ method: "exit" });
  p.stdin.end();
  return answer;
}

// The frame (a webview's, nested in the workbench) that shows `selector`.
export async function waitForFrame(page, selector, timeout) {
  let found;
  await waitFor(async () => {
    for (const f of page.frames()) {
      if (await f.$(selector).catch(() => null)) { found = f; return true; }
    }
    return false;
  }, timeout, `a frame with ${selector}`);
  return found;
}
