// What every client of the extension shares, whichever server it starts (the native `adf lsp`,
// the wasm server under Node, or the wasm server in the browser): the documents it sends and
// the rule links added to findings. The desktop and browser bundles each get their own flavour
// of vscode-languageclient here (esbuild resolves the package to its node or browser entry).

import * as vscode from "vscode";
import { DocumentSelector, LanguageClientOptions, Middleware, RevealOutputChannelOn } from "vscode-languageclient";
import { LANGUAGE_ID, activationPatterns, ruleLink } from "./logic";

/** The factory documents of the given URI schemes (`file` and `untitled` on a desktop; the
 * workspace folders' schemes in a browser). */
export function documentSelector(schemes: readonly string[]): DocumentSelector {
  return schemes.map((scheme) => ({ scheme, language: LANGUAGE_ID }));
}

export function clientOptions(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel | undefined,
  selector: DocumentSelector,
  // What else listens to the client (the status bar's progress).
  more: Middleware = {},
): LanguageClientOptions {
  const packageJson = context.extension.packageJSON as { repository?: { url?: string }; version?: string };
  const repository = packageJson.repository?.url ?? "";
  const version = packageJson.version ?? "";
  function linkRules(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    for (const d of diagnostics) {
      const href = repository ? ruleLink(repository, version, d.code) : undefined;
      if (href && typeof d.code === "string") d.code = { value: d.code, target: vscode.Uri.parse(href) };
    }
    return diagnostics;
  }
  return {
    documentSelector: selector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server names the rule in `code`; the link to its page is added here, whichever way
    // the diagnostics arrive (pushed, or pulled per document or for the workspace).
    middleware: {
      ...more,
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
}

/** Whether the workspace holds a factory's files (what the `workspaceContains:` activation
 * events look for): then the server starts at once, so the whole factory's findings reach the
 * Problems panel without a file opened. */
export async function workspaceHoldsFactory(): Promise<boolean> {
  for (const pattern of activationPatterns()) {
    if ((await vscode.workspace.findFiles(pattern, "**/node_modules/**", 1)).length > 0) return true;
  }
  return false;
}
