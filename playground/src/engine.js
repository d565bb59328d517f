// The page's side of the worker: requests with ids, and the coalescing of edits. No debounce:
// an edit is sent at once when its file has no analysis in flight; otherwise it waits, and only
// the newest text of that file is sent when the answer comes back.

export class Engine {
  /** @param {Worker} worker @param {(r: {diagnostics: Record<string, any[]>, graph: any}, fresh: (path: string) => boolean) => void} onFindings */
  constructor(worker, onFindings) {
    this.worker = worker;
    this.onFindings = onFindings;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.waiting = new Map();
    /** Per path: the editor's newest text, the last text sent, whether an update is in flight. */
    this.docs = new Map();
    worker.onmessage = ({ data }) => {
      const w = this.waiting.get(data.id);
      if (!w) return;
      this.waiting.delete(data.id);
      if (data.ok) w.resolve(data.result);
      else w.reject(new Error(data.error));
    };
    worker.onerror = (e) => {
      for (const w of this.waiting.values()) w.reject(new Error(e.message || "the worker failed"));
      this.waiting.clear();
    };
  }

  request(op, payload = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...payload, id, op });
    });
  }

  doc(path) {
    let d = this.docs.get(path);
    if (!d) this.docs.set(path, (d = { latest: undefined, sent: undefined, inflight: false }));
    return d;
  }

  /** Replaces every file (a new factory); resolves with the findings and the graph. */
  async load(files) {
    this.docs.clear();
    for (const [path, text] of Object.entries(files)) {
      const d = this.doc(path);
      d.latest = d.sent = text;
    }
    const r = await this.request("load", { files });
    this.onFindings(r, (p) => this.docs.has(p));
    return r;
  }

  /** The editor changed `path`: analyse its newest text as soon as the worker is free for it. */
  edit(path, text) {
    this.doc(path).latest = text;
    this.pump(path);
  }

  pump(path) {
    const d = this.docs.get(path);
    if (!d || d.inflight || d.latest === d.sent) return;
    const text = d.latest;
    d.sent = text;
    d.inflight = true;
    this.request("update", { path, text })
      .then((r) => this.onFindings(r, (p) => p !== path || this.docs.get(p)?.latest === text))
      .catch((e) => console.error(e))
      .finally(() => {
        d.inflight = false;
        this.pump(path);
      });
  }

  async remove(path) {
    this.docs.delete(path);
    const r = await this.request("remove", { path });
    this.onFindings(r, (p) => this.docs.has(p));
  }

  /** A question about `path` at its newest text (sent along when the worker lacks it). */
  query(op, path, payload) {
    const d = this.docs.get(path);
    const lagging = d && d.latest !== undefined && d.latest !== d.sent;
    return this.request(op, { ...payload, path, sync: lagging ? { path, text: d.latest } : undefined });
  }
}
