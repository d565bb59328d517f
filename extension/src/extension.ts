import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import { LanguageClient, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { clientOptions, documentSelector, workspaceHoldsFactory } from "./clientOptions";
import { feedFiles } from "./files";
import { LANGUAGE_ID, looksLikeFactoryJson, resolveServerPath } from "./logic";
import { registerCommands } from "./commands";
import { AdfStatus } from "./status";

let client: LanguageClient | undefined;
// The wasm server reads no disk: while it runs, this sends it the workspace's files.
let feeder: vscode.Disposable | undefined;
let output: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;
// After a failed start, opening more factory files does not try (and nag) again: the user
// fixes the setting, which restarts, or runs "ADF: Restart Server".
let failed = false;
let status: AdfStatus | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ADF Language Server");
  context.subscriptions.push(output);
  status = new AdfStatus();
  context.subscriptions.push(status);
  registerCommands(context, () => client, {
    start: async () => {
      await startClient(context);
      return client;
    },
    restart: async () => {
      failed = false;
      await stopClient();
      await startClient(context);
      return client;
    },
    status,
  });

  context.subscriptions.push(
    vscode.commands.registerCommand("adf.restartServer", async () => {
      failed = false;
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand("adf.showOutput", () => output?.show(true)),
    // A v1 entity or a renamed ARM template has no path the language's filename patterns
    // know; it opens as JSON and moves to the factory language here, before the JSON service
    // goes fetching its `$schema`.
    vscode.workspace.onDidOpenTextDocument((doc) => void adopt(doc, context)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("adf.server.path") && (client || failed)) {
        failed = false;
        await stopClient();
        await startClient(context);
      }
    }),
  );
  for (const doc of vscode.workspace.textDocuments) {
    await adopt(doc, context);
  }
  // A factory's git layout activated us (workspaceContains): start now so that the whole
  // factory's findings reach the Problems panel without opening a file. Activated by some
  // other JSON file only, the server waits for a factory file.
  if (!client && !failed && (await workspaceHoldsFactory())) {
    await startClient(context);
  }
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function adopt(doc: vscode.TextDocument, context: vscode.ExtensionContext): Promise<void> {
  if (doc.languageId === "json" && doc.uri.scheme === "file" && looksLikeFactoryJson(doc.getText())) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }
  if (doc.languageId === LANGUAGE_ID && !client && !failed) {
    await startClient(context);
  }
}

function startClient(context: vscode.ExtensionContext): Promise<void> {
  starting ??= doStart(context).finally(() => {
    starting = undefined;
  });
  return starting;
}

async function doStart(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const config = vscode.workspace.getConfiguration("adf");
  const server = resolveServerPath(
    config.get<string>("server.path"),
    context.extensionPath,
    process.platform,
    process.arch,
    (p) => fs.existsSync(p),
    os.homedir(),
  );
  output?.appendLine(`adf server: ${server.command} (${server.origin})`);
  const serverOptions: ServerOptions = server.origin === "wasm"
    ? { module: server.command, transport: TransportKind.ipc }
    : {
      command: server.command,
      // No `transport`: with TransportKind.stdio the client appends `--stdio`, which `adf lsp`
      // refuses; a plain command already talks over stdin/stdout.
      args: ["lsp"],
    };
  const options = clientOptions(context, output, documentSelector(["file", "untitled"]), status?.middleware());
  const created = new LanguageClient("adf", "ADF Language Server", serverOptions, options);
  status?.serverStarting();
  try {
    await created.start();
    client = created;
    if (server.origin === "wasm") feeder = await feedFiles(created, (line) => output?.appendLine(line));
  } catch (err) {
    failed = true;
    status?.serverStopped();
    const message = err instanceof Error ? err.message : String(err);
    output?.appendLine(`adf server did not start: ${message}`);
    const hint = server.origin === "setting" ? `Check the setting adf.server.path (${server.command}).` : "";
    void vscode.window.showErrorMessage(`ADF: the language server did not start. ${hint}`, "Show Output").then(
      (choice) => {
        if (choice) output?.show(true);
      },
    );
  }
}

async function stopClient(): Promise<void> {
  feeder?.dispose();
  feeder = undefined;
  const running = client;
  client = undefined;
  status?.serverStopped();
  if (running) {
    await running.stop();
  }
}
