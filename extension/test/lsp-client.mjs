// A JSON-RPC client of a language server over a child's stdio (LSP base protocol framing),
// for the tests that drive the servers headless. It accepts every request of the server (progress
// tokens, watcher registrations) and keeps the last diagnostics published for each URI.
import { spawn } from "node:child_process";

export class Client {
  constructor(command, args) {
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnostics = new Map();
    this.progress = new Set();
    this.progressEnded = false;
    this.lastMessage = Date.now();
    this.stderr = "";
    this.child.stderr.on("data", (d) => (this.stderr += d));
    this.child.stdout.on("data", (d) => this.receive(d));
    this.exited = new Promise((res) => this.child.on("exit", (code) => res(code)));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((res, rej) => this.pending.set(id, { res, rej }));
  }

  notify(method, params) {
    this.send({ method, params });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body));
    }
  }

  handle(msg) {
    this.lastMessage = Date.now();
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.rej(Object.assign(new Error(`${msg.error.code}: ${msg.error.message}`), { code: msg.error.code }));
      else p?.res(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      // Requests of the server (progress tokens, watcher registration): accepted.
      this.send({ id: msg.id, result: null });
      return;
    }
    for (const w of [...(this.waiters ?? [])]) {
      if (w.method === msg.method && w.match(msg.params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.res(msg.params);
      }
    }
    if (msg.method === "textDocument/publishDiagnostics") {
      this.diagnostics.set(msg.params.uri, msg.params.diagnostics);
    } else if (msg.method === "$/progress") {
      (this.progressLog ??= []).push(msg.params);
      const kind = msg.params.value?.kind;
      if (kind === "begin") this.progress.add(msg.params.token);
      if (kind === "end") {
        this.progress.delete(msg.params.token);
        this.progressEnded = true;
      }
    }
  }

  /** The next notification `method` for which `match(params)` holds. */
  next(method, match = () => true, timeout = 20000) {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no ${method} within ${timeout} ms`)), timeout);
      (this.waiters ??= []).push({ method, match, res: (p) => (clearTimeout(timer), res(p)) });
    });
  }

  async quiet(ms) {
    const limit = Date.now() + 300_000;
    while (Date.now() < limit) {
      if (this.progressEnded && this.progress.size === 0 && Date.now() - this.lastMessage >= ms) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the server never finished indexing");
  }
}

