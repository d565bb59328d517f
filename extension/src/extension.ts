import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from "vscode-languageclient/node";
import { LANGUAGE_ID, activationPatterns, looksLikeFactoryJson, resolveServerPath, ruleLink } from "./logic";
import { registerCommands } from "./commands";
import { AdfStatus } from "./status";

let client: LanguageClient | undefined;
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

async function workspaceHoldsFactory(): Promise<boolean> {
  for (const pattern of activationPatterns()) {
    const found = await vscode.workspace.findFiles(pattern, "**/node_modules/**", 1);
    if (found.length > 0) return true;
  }
  return false;
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
  const serverOptions: ServerOptions = {
    command: server.command,
    // No `transport`: with TransportKind.stdio the client appends `--stdio`, which `adf lsp`
    // refuses; a plain command already talks over stdin/stdout.
    args: ["lsp"],
  };
  const packageJson = context.extension.packageJSON as { repository?: { url?: string }; version?: string };
  const repository = packageJson.repository?.url ?? "";
  const version = packageJson.version ?? "";
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server names the rule in `code`; the link to its page is added here, whichever way
    // the diagnostics arrive (pushed, or pulled per document or for the workspace).
    middleware: {
      ...status?.middleware(),
      handleDiagnostics(uri, diagnostics, next) {
        next(uri, linkRules(diagnostics));
      },
      async provideDiagnostics(document, previousResultId, token, next) {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === "full") linkRules(report.items);
        return report;
      },
      async provideWorkspaceDiagnostics(resultIds, token, resultReporter, next) {
        const linked: typeof resultReporter = (chunk) => {
          for (const item of chunk?.items ?? []) {
            if (item.kind === "full") linkRules(item.items);
          }
          resultReporter(chunk);
        };
        const report = await next(resultIds, token, linked);
        for (const item of report?.items ?? []) {
          if (item.kind === "full") linkRules(item.items);
        }
        return report;
      },
    },
  };
  function linkRules(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    for (const d of diagnostics) {
      const href = repository ? ruleLink(repository, version, d.code) : undefined;
      if (href && typeof d.code === "string") d.code = { value: d.code, target: vscode.Uri.parse(href) };
    }
    return diagnostics;
  }
  const created = new LanguageClient("adf", "ADF Language Server", serverOptions, clientOptions);
  status?.serverStarting();
  try {
    await created.start();
    client = created;
  } catch (err) {
    failed = true;
    status?.serverStopped();
    const message = err instanceof Error ? err.message : String(err);
    output?.appendLine(`adf server did not start: ${message}`);
    const hint = server.origin === "path"
      ? "No adf binary is bundled for this platform and none was found on PATH; set adf.server.path."
      : `Check the setting adf.server.path (${server.command}).`;
    void vscode.window.showErrorMessage(`ADF: the language server did not start. ${hint}`, "Show Output").then(
      (choice) => {
        if (choice) output?.show(true);
      },
    );
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  status?.serverStopped();
  if (running) {
    await running.stop();
  }
}
