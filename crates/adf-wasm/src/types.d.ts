
/** A zero-based line and a zero-based column in UTF-16 code units (as editors count them). */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range of positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** How serious a finding is (after configuration). */
export type Severity = "error" | "warning" | "info" | "hint";

/** The kinds of ADF entities. */
export type EntityKind =
  | "LinkedService"
  | "Dataset"
  | "Pipeline"
  | "Activity"
  | "Trigger"
  | "DataFlow"
  | "IntegrationRuntime"
  | "Credential"
  | "ManagedVirtualNetwork"
  | "ManagedPrivateEndpoint"
  | "ChangeDataCapture"
  | "Factory"
  | "GlobalParameters";

/** One finding. Messages never show a secret value. */
export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** The rule's stable code, e.g. `ADF0104`. */
  code: string;
  /** The rule's stable name, e.g. `invalid-value`. */
  rule: string;
  message: string;
}

/** The findings of one file. */
export interface FileDiagnostics {
  path: string;
  diagnostics: Diagnostic[];
}

/** A place in a file. */
export interface Location {
  path: string;
  range: Range;
}

/** Hover text (Markdown) and what it is about. */
export interface Hover {
  markdown: string;
  range: Range;
}

/** What a completion item completes. */
export type CompletionKind =
  | "property"
  | "value"
  | "type"
  | "entity"
  | "activity"
  | "function"
  | "parameter"
  | "variable";

/** One completion proposal. */
export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Which kind of entity, for `kind: "entity"`. */
  entityKind: EntityKind | null;
  detail: string | null;
  /** Text to insert; a snippet (`$1`, `${1:x}`, `$0`) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** What `insertText` replaces (a partly typed key with its quotes, a string's content);
   * null: the word before the cursor. */
  range: Range | null;
  /** What to match the typed part of `range` against, when not the label. */
  filterText: string | null;
}

/** A text replacement in a file. */
export interface TextEdit {
  path: string;
  range: Range;
  newText: string;
}

/** An entity or activity of a file's outline. */
export interface DocumentSymbol {
  name: string;
  /** Its `type`, if any. */
  detail: string | null;
  kind: "entity" | "activity";
  entityKind: EntityKind | null;
  /** The whole object. */
  range: Range;
  /** The name. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

/** A node of the dependency graph: an entity, or an activity of a pipeline. */
export interface GraphNode {
  /** Stable key: factory root, kind and lower-case name. */
  id: string;
  kind: EntityKind;
  name: string;
  /** The file that defines it; null when it is only referenced (missing). */
  path: string | null;
  /** The factory root (folder) it belongs to. */
  root: string;
  /** The pipeline of an activity. */
  pipeline: string | null;
}

/** A dependency: `from` references (or, for activities, contains) `to`. */
export interface GraphEdge {
  from: string;
  to: string;
}

/** The dependency graph of every factory in the workspace. */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A file for `setFiles`. */
export interface SourceText {
  path: string;
  text: string;
}

/** A code action: edits applied together. */
export interface CodeAction {
  title: string;
  kind: "quickfix" | "refactor";
  /** The name of the rule whose finding it fixes. */
  rule: string | null;
  edits: TextEdit[];
  /** Whether it is the obvious fix. */
  preferred: boolean;
}

/** An entity or activity found by name across the workspace. */
export interface WorkspaceSymbol {
  name: string;
  kind: "entity" | "activity";
  entityKind: EntityKind | null;
  detail: string | null;
  /** The pipeline of an activity. */
  container: string | null;
  location: Location;
}

/** A range an editor may fold. */
export interface FoldingRange {
  range: Range;
  kind: "region" | "comment";
}
