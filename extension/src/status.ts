import * as vscode from "vscode";
import type { Middleware } from "vscode-languageclient";
import { INDEXING_TOKEN, Indexing, countFindings, indexingStep, statusView } from "./commandLogic";

/** The status-bar item: the indexing's progress while the server indexes, then the error and
 * warning counts of adf's findings in the whole workspace; a click opens the Problems panel.
 * Works with any language client: the progress arrives through the client's middleware
 * (`middleware()`), the counts from VS Code's diagnostics. */
export class AdfStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private indexing: Indexing = { running: false, incomplete: false };
  private readonly ended = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private recount: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem("adf.status", vscode.StatusBarAlignment.Left, 10);
    this.item.name = "ADF";
    this.item.command = "workbench.panel.markers.view.focus";
    this.subscriptions.push(
      this.item,
      this.ended,
      // Indexing publishes every file's findings one event each: count once they settle.
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.recount === undefined) {
          this.recount = setTimeout(() => {
            this.recount = undefined;
            this.update();
          }, 100);
        }
      }),
    );
    this.update();
  }

  /** Shows the item (a server runs for this workspace). */
  show(): void {
    this.item.show();
  }

  /** Middleware for the language client's options: sees the indexing's progress and hands
   * every progress on to the client's own display. */
  middleware(): Pick<Middleware, "handleWorkDoneProgress"> {
    return {
      handleWorkDoneProgress: (token, params, next) => {
        if (token === INDEXING_TOKEN) this.progress(params);
        next(token, params);
      },
    };
  }

  /** A new server is starting: its indexing has not begun yet. */
  serverStarting(): void {
    this.indexing = { running: true, incomplete: false, message: "starting" };
    this.show();
    this.update();
  }

  /** The server stopped (or failed to start): no indexing is coming. */
  serverStopped(): void {
    if (this.indexing.running) this.progress({ kind: "end", message: "stopped" });
  }

  /** Whether the last indexing left part of the workspace unread. */
  get incomplete(): boolean {
    return this.indexing.incomplete;
  }

  /** Resolves once no indexing runs, or after `timeoutMs` (a server that never reports). */
  whenIndexed(timeoutMs: number): Promise<void> {
    if (!this.indexing.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const sub = this.ended.event(done);
      function done() {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }

  private progress(value: { kind: string; percentage?: number; message?: string }): void {
    const was = this.indexing.running;
    this.indexing = indexingStep(this.indexing, value);
    this.update();
    if (was && !this.indexing.running) this.ended.fire();
  }

  private update(): void {
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds);
    const view = statusView(countFindings(all), this.indexing);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: view.label };
  }

  dispose(): void {
    if (this.recount !== undefined) clearTimeout(this.recount);
    for (const s of this.subscriptions) s.dispose();
  }
}
