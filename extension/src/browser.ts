// The extension's `browser` entry (vscode.dev, github.dev, code-server's web worker extension
// host): the wasm engine as the language server, with the same features as `adf lsp`.
//
// The server runs in this very worker, on a MessageChannel: a web extension served by a VS Code
// server may not start a Worker of its own (microsoft/vscode#168942), and the reader and writer
// of vscode-languageclient/browser accept a MessagePort as well as a Worker.

import * as vscode from "vscode";
import {
  BaseLanguageClient,
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClientOptions,
  MessageTransports,
} from "vscode-languageclient/browser";
import { clientOptions, documentSelector, workspaceHoldsFactory } from "./clientOptions";
import { feedFiles } from "./files";
import { LANGUAGE_ID, looksLikeFactoryJson } from "./logic";
import { startPortServer } from "./server/browser";
import { registerCommands } from "./commands";
import { AdfStatus } from "./status";

/** A client whose server listens on the other end of a MessagePort. */
class PortLanguageClient extends BaseLanguageClient {
  constructor(id: string, name: string, options: LanguageClientOptions, private readonly port: MessagePort) {
    super(id, name, options);
  }

  protected createMessageTransports(_encoding: string): Promise<MessageTransports> {
    return Promise.resolve({
      reader: new BrowserMessageReader(this.port),
      writer: new BrowserMessageWriter(this.port),
    });
  }
}

let client: BaseLanguageClient | undefined;
let feeder: vscode.Disposable | undefined;
let output: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;
let wasm: Uint8Array | undefined;
// After a failed start, opening more factory files does not try (and nag) again; "ADF: Restart
// Server" does.
let failed = false;
let status: AdfStatus | undefined;

/** The schemes of the workspace's files (`vscode-remote`, `vscode-vfs`, ...). */
function schemes(): string[] {
  const found = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme));
  return found.size > 0 ? [...found] : ["file"];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ADF Language Server");
  status = new AdfStatus();
  const restart = async () => {
    failed = false;
    await stopClient();
    await startClient(context);
    return client;
  };
  registerCommands(context, () => client, {
    start: async () => {
      await startClient(context);
      return client;
    },
    restart,
    status,
  });
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("adf.restartServer", restart),
    vscode.commands.registerCommand("adf.showOutput", () => output?.show(true)),
    // A v1 entity or a renamed ARM template opens as JSON: it moves to the factory language
    // here, as on the desktop.
    vscode.workspace.onDidOpenTextDocument((doc) => void adopt(doc, context)),
  );
  for (const doc of vscode.workspace.textDocuments) await adopt(doc, context);
  if (!client && !failed && (await workspaceHoldsFactory())) await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function adopt(doc: vscode.TextDocument, context: vscode.ExtensionContext): Promise<void> {
  if (doc.languageId === "json" && schemes().includes(doc.uri.scheme) && looksLikeFactoryJson(doc.getText())) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }
  if (doc.languageId === LANGUAGE_ID && !client && !failed) await startClient(context);
}

function startClient(context: vscode.ExtensionContext): Promise<void> {
  starting ??= doStart(context).finally(() => {
    starting = undefined;
  });
  return starting;
}

async function doStart(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const log = (line: string) => output?.appendLine(line);
  try {
    wasm ??= await readOwnFile(vscode.Uri.joinPath(context.extensionUri, "dist", "adf_wasm_bg.wasm"));
    const channel = new MessageChannel();
    startPortServer(channel.port2, wasm);
    const created = new PortLanguageClient(
      "adf",
      "ADF Language Server",
      clientOptions(context, output, documentSelector(schemes()), status?.middleware()),
      channel.port1,
    );
    status?.serverStarting();
    await created.start();
    client = created;
    log("adf server: the wasm engine in the extension host's worker");
    feeder = await feedFiles(created, log);
  } catch (err) {
    failed = true;
    status?.serverStopped();
    const message = err instanceof Error ? err.message : String(err);
    log(`adf server did not start: ${message}`);
    void vscode.window.showErrorMessage(`ADF: the language server did not start: ${message}`);
  }
}

/** A file of the extension. In a browser it is served by whatever hosts the extension: a VS Code
 * server (a `vscode-remote:` URI, which VS Code's file system reads) or a web server such as the
 * marketplace's (an `https:` URI, for which it has no file system: fetched). */
async function readOwnFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === "http" || uri.scheme === "https") {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return vscode.workspace.fs.readFile(uri);
}

async function stopClient(): Promise<void> {
  feeder?.dispose();
  feeder = undefined;
  const running = client;
  client = undefined;
  status?.serverStopped();
  if (running) await running.stop();
}
