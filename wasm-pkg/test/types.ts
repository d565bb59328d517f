// Compiled by `tsc --noEmit --strict` (types.test.mjs): uses every exported type, so a
// declaration that drifts from the objects the engine returns fails here or in engine tests.

import {
  AdfWasmTrapError,
  AdfWorkspace,
  createWorkspace,
  initialize,
  initializeSync,
  version,
  type CodeAction,
  type CompletionItem,
  type CompletionKind,
  type Diagnostic,
  type DocumentSymbol,
  type EntityKind,
  type EvalInput,
  type EvalResult,
  type Evaluation,
  type InputKind,
  type FileDiagnostics,
  type FoldingRange,
  type Graph,
  type GraphEdge,
  type GraphLink,
  type GraphNode,
  type Hover,
  type Location,
  type Position,
  type Range,
  type Severity,
  type SourceText,
  type TextEdit,
  type WasmSource,
  type WorkspaceSymbol,
} from "adf-language-tools-wasm";

async function use(source: WasmSource): Promise<string[]> {
  await initialize(source);
  initializeSync(new Uint8Array(0));
  const ws: AdfWorkspace = await createWorkspace({ wasm: source });
  const files: SourceText[] = [{ path: "a.json", text: "{}" }];
  const out: string[] = [version(), ...ws.setFiles(files), ...ws.setFile("b.json", "{}")];
  out.push(...ws.removeFile("b.json"), ...ws.paths());
  out.push(...ws.setConfig("adf.toml", ""), ...ws.removeConfig("adf.toml"));

  const pos: Position = { line: 0, character: 1 };
  const range: Range = { start: pos, end: { line: 0, character: 2 } };
  const diagnostics: Diagnostic[] = ws.diagnostics("a.json");
  const severity: Severity | undefined = diagnostics[0]?.severity;
  const all: FileDiagnostics[] = ws.allDiagnostics();
  out.push(...all.map((f) => `${f.path}:${f.diagnostics.length}`));
  for (const d of diagnostics) out.push(`${d.code} ${d.rule} ${d.message} ${d.range.end.character}`);

  const items: CompletionItem[] = ws.completion("a.json", pos);
  for (const i of items) {
    const kind: CompletionKind = i.kind;
    const entity: EntityKind | null = i.entityKind;
    const detail: string | null = i.detail;
    out.push(i.label, kind, entity ?? "", detail ?? "", i.insertText, String(i.snippet));
  }
  const hover: Hover | null = ws.hover("a.json", pos);
  if (hover !== null) out.push(hover.markdown, String(hover.range.start.line));
  const evaluation: Evaluation | null = ws.evaluate("a.json", pos, { "pipeline().parameters.n": "1" });
  if (evaluation !== null) {
    const inputs: EvalInput[] = evaluation.inputs;
    const kinds: InputKind[] = inputs.map((i) => i.kind);
    out.push(evaluation.expression, ...kinds, ...inputs.map((i) => i.default ?? ""), ...evaluation.ignored);
    const result: EvalResult = evaluation.result;
    if (result.kind === "value") out.push(result.value);
    else if (result.kind === "unknown") out.push(...result.needs);
    else out.push(result.message, String(result.range.start.line));
  }
  ws.evaluate("a.json", pos, undefined);
  const defs: Location[] = ws.definition("a.json", pos);
  const refs: Location[] = ws.references("a.json", pos);
  out.push(...defs.concat(refs).map((l) => `${l.path}@${l.range.start.line}`));
  const edits: TextEdit[] = ws.rename("a.json", pos, "New");
  out.push(...edits.map((e) => `${e.path}:${e.newText}:${e.range.start.character}`));

  const walk = (s: DocumentSymbol): string[] => [
    `${s.kind}:${s.entityKind ?? ""}:${s.name}:${s.detail ?? ""}:${s.selectionRange.start.line}:${s.range.end.line}`,
    ...s.children.flatMap(walk),
  ];
  out.push(...ws.documentSymbols("a.json").flatMap(walk));

  const actions: CodeAction[] = ws.codeActions("a.json", range);
  for (const a of actions) {
    const kind: "quickfix" | "refactor" = a.kind;
    out.push(a.title, kind, a.rule ?? "", String(a.preferred), ...a.edits.map((e) => e.newText));
  }
  const symbols: WorkspaceSymbol[] = ws.workspaceSymbols("a");
  out.push(...symbols.map((s) => `${s.name}:${s.kind}:${s.entityKind ?? ""}:${s.detail ?? ""}:${s.container ?? ""}:${s.location.path}`));
  const folds: FoldingRange[] = ws.foldingRanges("a.json");
  out.push(...folds.map((f) => `${f.kind}:${f.range.start.line}`));
  const chains: Range[][] = ws.selectionRanges("a.json", [pos]);
  out.push(...chains.flat().map((r) => String(r.end.character)));

  const graph: Graph = ws.graph();
  const nodes: GraphNode[] = graph.nodes;
  const edges: GraphEdge[] = graph.edges;
  out.push(...nodes.map((n) => `${n.id}${n.kind}${n.name}${n.path ?? ""}${n.root}${n.pipeline ?? ""}`));
  const links: GraphLink[] = edges.map((e) => e.link);
  out.push(...edges.map((e) => `${e.from}->${e.to}`), ...links);
  const named: (Range | null)[] = nodes.map((n) => n.range);
  out.push(...named.map((r) => String(r?.start.character ?? -1)));
  out.push(String(range.start.line), severity ?? "", String(ws.recoveries));

  try {
    ws.__trap();
  } catch (e) {
    if (e instanceof AdfWasmTrapError) out.push(e.message, e.panic ?? "");
  }
  ws.__trapOnNextCall();
  ws.free();
  return out;
}

export { use };
