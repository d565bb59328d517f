import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import { ExecuteCommandRequest } from "vscode-languageclient";
import { GRAPH_REQUEST, configFolders, evaluationReport, givenInputs, inputPrompts } from "./commandLogic";
import { EVALUATE_COMMAND, EvaluateArgs, Evaluation } from "./protocol";
import { GraphPanel } from "./graphView";
import { AdfStatus } from "./status";
// The starter `adf init` writes, from the core's own file: one text for the CLI and the editor.
import starter from "../../crates/adf-core/src/config/starter.toml";

/** What the commands need from the entry that owns the client (node or browser). */
export interface CommandHost {
  /** Starts the server when none runs (a workspace activated by a lone JSON file); resolves
   * with the running client, or undefined when it could not start. */
  start: () => Promise<BaseLanguageClient | undefined>;
  /** Stops and starts the server again (a fresh indexing of the workspace). */
  restart: () => Promise<BaseLanguageClient | undefined>;
  /** The status-bar item, which follows the indexing. */
  status: AdfStatus;
}

/** How long a command waits for the indexing before it goes on with what is known. */
const INDEXING_WAIT_MS = 120_000;

/** Registers "ADF: Check Whole Factory", "ADF: Show Dependency Graph", "ADF: Create adf.toml"
 * and "ADF: Evaluate Expression with Inputs…". `getClient` gives the running client of either entry, if any. */
export function registerCommands(
  context: vscode.ExtensionContext,
  getClient: () => BaseLanguageClient | undefined,
  host: CommandHost,
): void {
  const graph = new GraphPanel(context.extensionUri);

  /** A running client whose indexing is over (restarted first when the last one stopped
   * short, so that every file is read). */
  async function indexedClient(title: string): Promise<BaseLanguageClient | undefined> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async () => {
      let client = getClient() ?? (await host.start());
      if (client && host.status.incomplete) client = await host.restart();
      if (!client) {
        void vscode.window.showErrorMessage("ADF: the language server is not running (see \"ADF: Show Server Output\").");
        return undefined;
      }
      await host.status.whenIndexed(INDEXING_WAIT_MS);
      return client;
    });
  }

  context.subscriptions.push(
    // The server checks every file of the workspace folders once indexed and sends every file's
    // findings, opened or not (pushed, or pulled for the workspace); this makes sure it runs and
    // finished reading, then shows them.
    vscode.commands.registerCommand("adf.checkFactory", async () => {
      const client = await indexedClient("ADF: checking the factory");
      if (!client) return;
      await vscode.commands.executeCommand("workbench.panel.markers.view.focus");
    }),
    vscode.commands.registerCommand("adf.showGraph", async () => {
      const client = await indexedClient("ADF: reading the dependency graph");
      if (!client) return;
      try {
        graph.show(await client.sendRequest(GRAPH_REQUEST));
      } catch (e) {
        void vscode.window.showErrorMessage(`ADF: no dependency graph: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
    vscode.commands.registerCommand("adf.createConfig", async () => createConfig(getClient())),
    vscode.commands.registerCommand("adf.evaluateWithInputs", async () => {
      const client = getClient() ?? (await host.start());
      if (!client) {
        void vscode.window.showErrorMessage("ADF: the language server is not running (see \"ADF: Show Server Output\").");
        return;
      }
      await evaluateWithInputs(client);
    }),
  );
}

/** Writes the starter `adf.toml` at the factory root (asking which when there are several),
 * never over an existing file, and opens it. */
async function createConfig(client: BaseLanguageClient | undefined): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file" || f.uri.scheme === "vscode-vfs");
  if (folders.length === 0) {
    void vscode.window.showErrorMessage("ADF: open the factory's folder first.");
    return;
  }
  let roots: string[] = [];
  if (client) {
    try {
      const g = await client.sendRequest<{ nodes: { root?: string }[] }>(GRAPH_REQUEST);
      roots = g.nodes.flatMap((n) => (typeof n.root === "string" ? [n.root] : []));
    } catch {
      // Without the graph the workspace folders are the candidates.
    }
  }
  const byPath = new Map(folders.map((f) => [f.uri.path, f.uri]));
  const candidates = configFolders(roots, [...byPath.keys()]);
  let chosen = candidates[0];
  if (candidates.length > 1) {
    chosen = await vscode.window.showQuickPick(candidates, { placeHolder: "The factory root for adf.toml" }) ?? "";
    if (!chosen) return;
  }
  const base = byPath.get(chosen) ?? folders[0].uri.with({ path: chosen });
  const target = vscode.Uri.joinPath(base, "adf.toml");
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage(`ADF: ${vscode.workspace.asRelativePath(target)} exists already; not overwriting it.`);
    await vscode.window.showTextDocument(target);
    return;
  } catch {
    // Not there: write it.
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(starter));
  await vscode.window.showTextDocument(target);
}

/** "ADF: Evaluate Expression with Inputs…": asks the server which inputs the expression at the
 * cursor reads, one input box per input (prefilled with its default), then shows the value. */
async function evaluateWithInputs(client: BaseLanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage("ADF: put the cursor in an expression of an ADF JSON file first.");
    return;
  }
  const args: EvaluateArgs = {
    uri: client.code2ProtocolConverter.asUri(editor.document.uri),
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
  };
  const ask = (inputs?: Record<string, string>) =>
    client.sendRequest(ExecuteCommandRequest.type, { command: EVALUATE_COMMAND, arguments: [{ ...args, inputs }] }) as Promise<Evaluation | null>;
  try {
    const first = await ask();
    if (!first) {
      void vscode.window.showWarningMessage("ADF: no expression at the cursor (a string starting with @ or holding @{...}).");
      return;
    }
    const answers: [string, string][] = [];
    for (const p of inputPrompts(first.inputs)) {
      const text = await vscode.window.showInputBox({ title: p.title, prompt: p.prompt, value: p.value, ignoreFocusOut: true });
      if (text === undefined) return; // Escape: the whole command is cancelled.
      answers.push([p.name, text]);
    }
    const result = answers.length > 0 ? await ask(givenInputs(answers)) : first;
    if (!result) return;
    const report = evaluationReport(result);
    client.outputChannel.appendLine(report.detail);
    const show =
      report.level === "info"
        ? vscode.window.showInformationMessage
        : report.level === "warning"
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    const actions = report.copy === undefined ? ["Show Output"] : ["Copy", "Show Output"];
    const picked = await show(report.message, ...actions);
    if (picked === "Copy" && report.copy !== undefined) await vscode.env.clipboard.writeText(report.copy);
    if (picked === "Show Output") client.outputChannel.show(true);
  } catch (e) {
    void vscode.window.showErrorMessage(`ADF: cannot evaluate: ${e instanceof Error ? e.message : String(e)}`);
  }
}
