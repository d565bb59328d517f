// Decisions of the commands and the status-bar item, kept free of the `vscode` module so that
// `node --test` can exercise them outside an editor. Findings and graphs are the server's; this
// only counts, words and places them.

/** The `source` the adf language server puts on every diagnostic. */
export const DIAGNOSTIC_SOURCE = "adf";

/** The token of the server's indexing work-done progress. */
export const INDEXING_TOKEN = "adf/indexing";

/** The custom request that answers the dependency graph (`adf graph --format json`'s object). */
export const GRAPH_REQUEST = "adf/graph";

/** VS Code's severities as numbers (`vscode.DiagnosticSeverity`). */
export const SEVERITY_ERROR = 0;
export const SEVERITY_WARNING = 1;

/** Errors and warnings among diagnostics, counting only adf's (other services' are theirs). */
export function countFindings(
  diagnostics: Iterable<{ source?: string; severity: number }>,
): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === SEVERITY_ERROR) errors++;
    else if (d.severity === SEVERITY_WARNING) warnings++;
  }
  return { errors, warnings };
}

/** What the indexing progress last said. */
export interface Indexing {
  /** Between `begin` and `end`. */
  running: boolean;
  percentage?: number;
  message?: string;
  /** The last indexing ended without reading the whole workspace (cancelled, or too many
   * files): whole-factory findings are missing until a new indexing. */
  incomplete: boolean;
}

/** The state after one `$/progress` value of the indexing token. */
export function indexingStep(
  state: Indexing,
  value: { kind: string; percentage?: number; message?: string },
): Indexing {
  switch (value.kind) {
    case "begin":
      return { running: true, percentage: value.percentage ?? 0, message: value.message, incomplete: false };
    case "report":
      return { ...state, running: true, percentage: value.percentage ?? state.percentage, message: value.message ?? state.message };
    case "end":
      // The server ends an indexing that did not read everything with "cancelled..." or
      // "stopped..." and a complete one with no message or a count.
      return { running: false, incomplete: /^(cancelled|stopped)\b/.test(value.message ?? ""), message: value.message };
    default:
      return state;
  }
}

/** The status-bar item's text (with codicons), tooltip and accessible label. */
export function statusView(
  counts: { errors: number; warnings: number },
  indexing: Indexing,
): { text: string; tooltip: string; label: string } {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (indexing.running) {
    const pct = indexing.percentage === undefined ? "" : ` ${Math.round(indexing.percentage)}%`;
    return {
      text: `$(sync~spin) ADF${pct}`,
      tooltip: `ADF: indexing the factory${indexing.message ? `: ${indexing.message}` : ""}`,
      label: `ADF: indexing${pct}`,
    };
  }
  const summary = `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}`;
  const incomplete = indexing.incomplete ? ` (indexing ${indexing.message ?? "incomplete"}; run "ADF: Check Whole Factory")` : "";
  return {
    text: `ADF $(error) ${counts.errors} $(warning) ${counts.warnings}`,
    tooltip: `ADF: ${summary} in the factory${incomplete}. Click for the Problems panel.`,
    label: `ADF: ${summary}`,
  };
}

/** How to open a graph node's `path`: the native server gives file paths, a host that keeps
 * URIs (a web workspace) may give those. */
export function nodeTarget(p: string): { kind: "uri" | "file"; value: string } {
  // Two letters or more before `:` so that `C:\...` stays a Windows path.
  return /^[a-z][a-z0-9+.-]+:/i.test(p) ? { kind: "uri", value: p } : { kind: "file", value: p };
}

/** The folders where "ADF: Create adf.toml" may write: the factory roots the server reports
 * that lie in a workspace folder (an `adf.toml` at the root governs the whole factory), else
 * the workspace folders themselves. Paths use `/`. */
export function configFolders(roots: Iterable<string>, workspaceFolders: readonly string[]): string[] {
  const trim = (p: string) => p.replace(/\/+$/, "");
  const inside = (p: string) =>
    workspaceFolders.some((w) => trim(p) === trim(w) || trim(p).startsWith(`${trim(w)}/`));
  const found = [...new Set([...roots].map(trim))].filter((r) => r.startsWith("/") || /^[A-Za-z]:\//.test(r)).filter(inside);
  return found.length > 0 ? found.sort() : workspaceFolders.map(trim);
}

/** The entities of a graph (activities are parts of their pipelines), as `kind name`. */
export function graphEntities(graph: { nodes: { kind: string; name: string }[] }): string[] {
  return graph.nodes.filter((n) => n.kind !== "Activity").map((n) => `${n.kind} ${n.name}`).sort();
}

/** What "ADF: Evaluate Expression with Inputs…" asks the server (a subset of protocol.ts's
 * `Evaluation`, kept structural so that this file needs no import). */
export interface EvaluationView {
  expression: string;
  inputs: { name: string; kind: string; default: string | null }[];
  result:
    | { kind: "value"; value: string }
    | { kind: "unknown"; needs: string[] }
    | { kind: "error"; message: string; range: { start: { line: number; character: number } } };
  ignored: string[];
}

/** Words for the kinds of inputs, in the input boxes' prompts. */
const INPUT_KIND_WORDS: Record<string, string> = {
  parameter: "pipeline parameter",
  globalParameter: "global parameter",
  variable: "pipeline variable",
  system: "system variable",
  item: "the ForEach item",
  activityOutput: "an activity's output (JSON)",
  entityParameter: "parameter",
  contextFunction: "a context object (JSON)",
  clock: "a timestamp such as 2026-01-01T00:00:00Z",
  random: "an integer seed",
};

/** One input box per input that can be given (not the `unsupported` ones), prefilled with its
 * declared default. */
export function inputPrompts(
  inputs: EvaluationView["inputs"],
): { name: string; title: string; prompt: string; value: string }[] {
  const givable = inputs.filter((i) => i.kind !== "unsupported");
  return givable.map((i, n) => ({
    name: i.name,
    title: `ADF: ${i.name} (${n + 1}/${givable.length})`,
    prompt: `${INPUT_KIND_WORDS[i.kind] ?? i.kind}${i.default === null ? ", no default" : `, default ${i.default}`}. JSON when it parses, else text; empty: not given.`,
    value: i.default ?? "",
  }));
}

/** The inputs to send: the answers typed, empty ones left out (their default or nothing). */
export function givenInputs(answers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of answers) if (text !== "") out[name] = text;
  return out;
}

/** The longest value the message shows; the whole one goes to the output channel. */
const SHOWN_VALUE = 200;

/** What to show of an evaluation: the message's level and text, the full report for the output
 * channel, and the value to copy when there is one. */
export function evaluationReport(e: EvaluationView): {
  level: "info" | "warning" | "error";
  message: string;
  detail: string;
  copy?: string;
} {
  const lines = [`expression: ${e.expression}`];
  if (e.ignored.length > 0) lines.push(`not inputs of this expression: ${e.ignored.join(", ")}`);
  const r = e.result;
  switch (r.kind) {
    case "value": {
      const shown = r.value.length > SHOWN_VALUE ? `${r.value.slice(0, SHOWN_VALUE)}… (see the output)` : r.value;
      return { level: "info", message: `ADF: value ${shown}`, detail: [...lines, `value: ${r.value}`].join("\n"), copy: r.value };
    }
    case "unknown":
      return {
        level: "warning",
        message: `ADF: the value is unknown without ${r.needs.join(", ")}`,
        detail: [...lines, `unknown: needs ${r.needs.join(", ")}`].join("\n"),
      };
    case "error": {
      const where = `line ${r.range.start.line + 1}, column ${r.range.start.character + 1}`;
      return { level: "error", message: `ADF: ${r.message} (${where})`, detail: [...lines, `error at ${where}: ${r.message}`].join("\n") };
    }
  }
}
