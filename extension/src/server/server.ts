// The language server over the wasm engine, for hosts where the native `adf lsp` cannot run
// (the browser's extension host; desktops without a bundled binary). It only converts: LSP
// URIs ⇄ the engine's paths, the engine's plain objects ⇄ LSP types. What a finding is, which
// pushed file belongs to a factory and which `adf.toml` governs it are the engine's answers.
//
// The server cannot read a disk (in a browser there is none): the client pushes the texts of
// the workspace's files with the `adf/files` notification and again when they change on disk;
// open documents' texts come by the usual didOpen/didChange. The conversions mirror those of
// crates/adf-lsp (src/convert.rs, src/handlers.rs) so that both servers say the same things;
// extension/test/parity.mjs compares their diagnostics on the corpora.

import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  ErrorCodes,
  FoldingRange,
  FoldingRangeKind,
  InitializeResult,
  InsertTextFormat,
  Location,
  MarkupKind,
  Range,
  RenameFile,
  ResponseError,
  SelectionRange,
  SymbolKind,
  TextDocumentEdit,
  TextDocumentSyncKind,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { AdfWorkspace, version } from "../../../wasm-pkg/src/index.js";
import type * as wasm from "../../../wasm-pkg/src/index.js";
import { EVALUATE_COMMAND, EvaluateArgs, FILES_NOTIFICATION, FilesParams, GRAPH_REQUEST } from "../protocol";
import { Paths } from "./paths";

/** The name of the configuration files (the engine's `setConfig` takes them). */
const CONFIG_NAME = "adf.toml";

function isConfig(path: string): boolean {
  return path === CONFIG_NAME || path.endsWith(`/${CONFIG_NAME}`);
}

/** The engine's words for severities, as LSP numbers them (adf-lsp's `convert::diagnostic`). */
const SEVERITY: Record<wasm.Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<wasm.CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  type: CompletionItemKind.Class,
  entity: CompletionItemKind.Reference,
  activity: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  parameter: CompletionItemKind.Variable,
  variable: CompletionItemKind.Variable,
};

/** Pipelines are classes with activities as methods, other entities objects (as adf-lsp). */
function symbolKind(kind: wasm.SymbolKind, entityKind: wasm.EntityKind | null | undefined): SymbolKind {
  if (kind === "activity") return SymbolKind.Method;
  return entityKind === "Pipeline" ? SymbolKind.Class : SymbolKind.Object;
}

/** An LSP diagnostic for an engine finding: the rule's name is the code, `adf` the source. */
export function toDiagnostic(d: wasm.Diagnostic): Diagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], code: d.rule, source: "adf", message: d.message };
}

function toSymbol(s: wasm.DocumentSymbol): DocumentSymbol {
  const children = s.children.map(toSymbol);
  return {
    name: s.name === "" ? "(unnamed)" : s.name,
    detail: s.detail ?? undefined,
    kind: symbolKind(s.kind, s.entityKind),
    range: s.range,
    selectionRange: s.selectionRange,
    children: children.length > 0 ? children : undefined,
  };
}

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Range["start"], y: Range["start"]) =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

/** The token of the indexing progress (adf-lsp's). */
const INDEXING = "adf/indexing";

/** Thrown by `known` for a document outside the workspace. */
const ELSEWHERE = Symbol("not a workspace document");

/** A query's failure as the client should see it: the engine's message, as InvalidParams. */
function invalid(e: unknown): ResponseError<void> {
  const message = e instanceof Error ? e.message : String(e);
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** Runs the server on `connection`; the engine must be initialised (`initializeSync`). */
export function startServer(connection: Connection): void {
  const ws = new AdfWorkspace();
  const paths = new Paths();
  const documents = new TextDocuments(TextDocument);
  // Texts as the client last read them from the workspace: what a document reverts to when
  // it is closed.
  const stored = new Map<string, string>();
  // Files whose last published findings were not empty: they must be told when they clear.
  const published = new Set<string>();
  // Until the first `adf/files`, the factory is not known: whole-factory findings over part of
  // it would be false (an unresolved reference to a file not pushed yet), so none go out.
  let loaded = false;
  // Whether the client applies file renames in a workspace edit (the git layout names an
  // entity's file after it), as adf-lsp asks.
  let fileRename = false;
  // Until the first `adf/files`, the client shows "Indexing ADF factories" with the token and
  // title adf-lsp uses, so that a status bar reads both servers alike.
  let indexing: Promise<boolean> = Promise.resolve(false);
  let progress = false;

  function setText(path: string, text: string): string[] {
    return isConfig(path) ? ws.setConfig(path, text) : ws.setFile(path, text);
  }

  function remove(path: string): string[] {
    return isConfig(path) ? ws.removeConfig(path) : ws.removeFile(path);
  }

  function findings(path: string): wasm.Diagnostic[] {
    try {
      return ws.diagnostics(path);
    } catch {
      // Removed from the workspace: its findings go.
      return [];
    }
  }

  function publish(changed: Iterable<string>): void {
    if (!loaded) return;
    send([...new Set(changed)].map((path) => ({ path, diagnostics: findings(path) })));
  }

  function send(found: wasm.FileDiagnostics[]): void {
    for (const file of found) {
      const path = file.path;
      const diagnostics = file.diagnostics.map(toDiagnostic);
      const uri = paths.uriOf(path);
      const open = documents.get(uri);
      // Thousands of clean files after loading need no message.
      if (diagnostics.length === 0 && !published.delete(path) && !open) continue;
      if (diagnostics.length > 0) published.add(path);
      void connection.sendDiagnostics({ uri, diagnostics, version: open?.version });
    }
  }

  /** The engine's path of a document the server answers for, else undefined. */
  function pathOf(uri: string): string | undefined {
    return paths.pathOf(uri);
  }

  /** The path of a request's document; a document of another scheme (a diff's `git:` side,
   * `untitled:`) is none of the workspace's, and its requests get empty answers, as adf-lsp
   * gives them. */
  function known(uri: string): string {
    const path = pathOf(uri);
    if (path === undefined) throw ELSEWHERE;
    return path;
  }

  function query<T>(run: () => T): T | null {
    try {
      return run();
    } catch (e) {
      if (e === ELSEWHERE) return null;
      if (e instanceof ResponseError) throw e;
      throw invalid(e);
    }
  }

  function location(l: wasm.Location): Location {
    return { uri: paths.uriOf(l.path), range: l.range };
  }

  function workspaceEdit(edits: wasm.TextEdit[]): WorkspaceEdit {
    const changes: Record<string, TextEdit[]> = {};
    for (const e of edits) {
      (changes[paths.uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
    }
    return { changes };
  }

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    paths.setRoots(folders);
    const edit = params.capabilities.workspace?.workspaceEdit;
    fileRename = edit?.documentChanges === true && (edit.resourceOperations ?? []).includes("rename");
    progress = params.capabilities.window?.workDoneProgress === true;
    return {
      capabilities: {
        positionEncoding: "utf-16",
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ".", "("] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        executeCommandProvider: { commands: [EVALUATE_COMMAND] },
      },
      serverInfo: { name: "adf (wasm)", version: version() },
    };
  });

  connection.onInitialized(() => {
    if (!progress || loaded) return;
    indexing = connection
      .sendRequest(WorkDoneProgressCreateRequest.type, { token: INDEXING })
      .then(() => {
        void connection.sendProgress(WorkDoneProgress.type, INDEXING, {
          kind: "begin",
          title: "Indexing ADF factories",
          percentage: 0,
        });
        return true;
      })
      .catch(() => false);
  });

  connection.onNotification(FILES_NOTIFICATION, (params: FilesParams) => {
    const changed = new Set<string>();
    const files: { path: string; text: string }[] = [];
    for (const f of Array.isArray(params?.changed) ? params.changed : []) {
      // A client of another make may send anything: what is not a file's text is left out.
      if (typeof f?.uri !== "string" || typeof f.text !== "string") continue;
      const path = paths.learn(f.uri);
      if (path === undefined) continue;
      stored.set(path, f.text);
      // An open document's text is the editor's, not the disk's.
      if (documents.get(f.uri)) continue;
      if (isConfig(path)) {
        for (const p of ws.setConfig(path, f.text)) changed.add(p);
      } else {
        files.push({ path, text: f.text });
      }
    }
    for (const uri of Array.isArray(params?.removed) ? params.removed : []) {
      if (typeof uri !== "string") continue;
      const path = pathOf(uri);
      if (path === undefined) continue;
      stored.delete(path);
      if (documents.get(uri)) continue;
      for (const p of safe(() => remove(path))) changed.add(p);
      changed.add(path);
    }
    // The first listing, or a checkout's worth of changes: one layout and one check of
    // everything instead of one per file (each `setFile` may re-check many files).
    if (!loaded || files.length > 8) {
      if (files.length > 0) ws.setFiles(files);
      const first = !loaded;
      loaded = true;
      if (first) {
        const total = ws.paths().length;
        void indexing.then((begun) => {
          if (begun) void connection.sendProgress(WorkDoneProgress.type, INDEXING, { kind: "end", message: `${total} files` });
        });
        send(ws.allDiagnostics());
      } else {
        publish([...changed, ...ws.paths()]);
      }
    } else {
      for (const f of files) for (const p of ws.setFile(f.path, f.text)) changed.add(p);
      publish(changed);
    }
  });

  function safe(run: () => string[]): string[] {
    try {
      return run();
    } catch {
      return [];
    }
  }

  // An opened document's text arrives by onDidChangeContent, which TextDocuments fires after
  // onDidOpen too.
  documents.onDidOpen((e) => {
    paths.learn(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const path = pathOf(e.document.uri);
    if (path === undefined) return;
    publish(setText(path, e.document.getText()));
  });
  documents.onDidClose((e) => {
    const path = pathOf(e.document.uri);
    if (path === undefined) return;
    const onDisk = stored.get(path);
    const changed = onDisk === undefined ? [...safe(() => remove(path)), path] : setText(path, onDisk);
    publish(changed);
  });

  connection.onCompletion((p) =>
    query(() => {
      const items = ws.completion(known(p.textDocument.uri), p.position);
      return items.map((i): CompletionItem => ({
        label: i.label,
        kind: COMPLETION_KIND[i.kind],
        detail: i.detail ?? undefined,
        filterText: i.filterText ?? undefined,
        insertText: i.insertText,
        insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: i.range ? { range: i.range, newText: i.insertText } : undefined,
      }));
    }),
  );

  connection.onHover((p) =>
    query(() => {
      const h = ws.hover(known(p.textDocument.uri), p.position);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
    }),
  );

  connection.onDefinition((p) =>
    query(() => {
      const found = ws.definition(known(p.textDocument.uri), p.position).map(location);
      return found.length > 0 ? found : null;
    }),
  );

  connection.onReferences((p) =>
    query(() => {
      const path = known(p.textDocument.uri);
      let found = ws.references(path, p.position);
      if (!p.context.includeDeclaration) {
        const decls = ws.definition(path, p.position);
        const same = (a: wasm.Location, b: wasm.Location) =>
          a.path === b.path && JSON.stringify(a.range) === JSON.stringify(b.range);
        found = found.filter((l) => !decls.some((d) => same(d, l)));
      }
      return found.length > 0 ? found.map(location) : null;
    }),
  );

  connection.onRenameRequest((p) =>
    query((): WorkspaceEdit => {
      const path = known(p.textDocument.uri);
      const edits = ws.rename(path, p.position, p.newName);
      const moves = fileRename ? ws.fileRenames(path, p.position, p.newName) : [];
      if (moves.length === 0) return workspaceEdit(edits);
      // Text edits name the files by their old URIs, so they come before the renames.
      const changes: (TextDocumentEdit | RenameFile)[] = Object.entries(workspaceEdit(edits).changes ?? {}).map(
        ([uri, fileEdits]) => ({ textDocument: { uri, version: documents.get(uri)?.version ?? null }, edits: fileEdits }),
      );
      for (const m of moves) {
        changes.push({ kind: "rename", oldUri: paths.uriOf(m.from), newUri: paths.uriOf(m.to) });
      }
      return { documentChanges: changes };
    }),
  );

  connection.onDocumentSymbol((p) => query(() => ws.documentSymbols(known(p.textDocument.uri)).map(toSymbol)));

  connection.onWorkspaceSymbol((p) =>
    query(() =>
      ws.workspaceSymbols(p.query).map(
        (s): WorkspaceSymbol => ({
          name: s.name,
          kind: symbolKind(s.kind, s.entityKind),
          containerName: s.container ?? undefined,
          location: location(s.location),
        }),
      ),
    ),
  );

  connection.onCodeAction((p) =>
    query(() => {
      const path = known(p.textDocument.uri);
      const findings = ws.diagnostics(path).map(toDiagnostic);
      return ws.codeActions(path, p.range).map((a): CodeAction => {
        const fixes = a.rule ? findings.filter((d) => d.code === a.rule && overlaps(d.range, p.range)) : [];
        return {
          title: a.title,
          kind: a.kind === "quickfix" ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
          diagnostics: fixes.length > 0 ? fixes : undefined,
          edit: workspaceEdit(a.edits),
          isPreferred: a.preferred ? true : undefined,
        };
      });
    }),
  );

  connection.onFoldingRanges((p) =>
    query(() => {
      const out: FoldingRange[] = [];
      for (const f of ws.foldingRanges(known(p.textDocument.uri))) {
        const start = f.range.start.line;
        // A bracket's own closing line stays visible; a comment folds to its last line.
        const end = f.kind === "region" ? f.range.end.line - 1 : f.range.end.line;
        if (end > start) {
          out.push({
            startLine: start,
            endLine: end,
            kind: f.kind === "region" ? FoldingRangeKind.Region : FoldingRangeKind.Comment,
          });
        }
      }
      return out;
    }),
  );

  connection.onSelectionRanges((p) =>
    query(() => {
      const chains = ws.selectionRanges(known(p.textDocument.uri), p.positions);
      return chains.map((chain, i) => {
        // Built from the outside in, so each range's parent is made first.
        let sel: SelectionRange | undefined;
        for (const range of [...chain].reverse()) sel = { range, parent: sel };
        return sel ?? { range: { start: p.positions[i], end: p.positions[i] } };
      });
    }),
  );

  connection.onRequest(GRAPH_REQUEST, () => query(() => ws.graph()));

  // `adf.evaluate`, as adf-lsp answers it: bad arguments are InvalidParams, a document of no
  // factory gets null.
  connection.onExecuteCommand((p) => {
    if (p.command !== EVALUATE_COMMAND) throw invalid(`unknown command: ${p.command}`);
    const args = p.arguments ?? [];
    const a = args[0] as Partial<EvaluateArgs> | undefined;
    const pos = a?.position;
    const inputs = a?.inputs ?? {};
    const wellFormed =
      args.length === 1 &&
      typeof a?.uri === "string" &&
      Number.isInteger(pos?.line) &&
      Number.isInteger(pos?.character) &&
      typeof inputs === "object" &&
      !Array.isArray(inputs) &&
      Object.values(inputs).every((v) => typeof v === "string");
    if (!wellFormed || !a?.uri || !pos) {
      throw invalid(`${EVALUATE_COMMAND} takes one argument {uri, position, inputs?} (inputs: names to strings)`);
    }
    const uri = a.uri;
    return query(() => ws.evaluate(known(uri), pos, inputs));
  });

  // In a browser the server lives on in the extension host's worker after a restart: the
  // engine's memory for this workspace goes with the session.
  connection.onExit(() => ws.free());

  documents.listen(connection);
  connection.listen();
}
