//! The plain objects JavaScript sees. Each struct here has its TypeScript twin in `types.d.ts`,
//! which wasm-bindgen appends to the generated declarations; field names are camelCase on both
//! sides and `Option` becomes `null`.

use serde::{Deserialize, Serialize};

/// A zero-based line and UTF-16 column, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column in UTF-16 code units.
    pub character: u32,
}

/// A half-open range of positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// Where it starts.
    pub start: Position,
    /// Just past its end.
    pub end: Position,
}

/// One finding, configuration applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Where in the file.
    pub range: Range,
    /// `error`, `warning`, `info` or `hint`.
    pub severity: &'static str,
    /// The rule's stable code (`ADF0104`).
    pub code: &'static str,
    /// The rule's stable name (`invalid-value`).
    pub rule: &'static str,
    /// What is wrong (never quotes a secret value).
    pub message: String,
}

/// The findings of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileDiagnostics {
    /// The file's path as it was given.
    pub path: String,
    /// Its findings in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file's path as it was given.
    pub path: String,
    /// The range in that file.
    pub range: Range,
}

/// Hover text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// Markdown to show.
    pub markdown: String,
    /// What the hover is about.
    pub range: Range,
}

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionItem {
    /// What the list shows and filters on.
    pub label: String,
    /// `property`, `value`, `type`, `entity` or `activity`.
    pub kind: &'static str,
    /// For `entity`: which kind of entity.
    pub entity_kind: Option<&'static str>,
    /// A short description.
    pub detail: Option<String>,
    /// Text to insert (a snippet with `$1`, `${1:x}`, `$0` when `snippet`).
    pub insert_text: String,
    /// Whether `insertText` is a snippet.
    pub snippet: bool,
    /// The range `insertText` replaces (a partly typed key with its quotes, a string's
    /// content); `null`: the word before the cursor.
    pub range: Option<Range>,
    /// What to match the typed part of `range` against, when not the label.
    pub filter_text: Option<String>,
}

/// A text replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    /// The file it applies to.
    pub path: String,
    /// The range replaced.
    pub range: Range,
    /// What replaces it.
    pub new_text: String,
}

/// An entity or activity of a file's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSymbol {
    /// Its name.
    pub name: String,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// `entity` or `activity`.
    pub kind: &'static str,
    /// For `entity`: which kind.
    pub entity_kind: Option<&'static str>,
    /// The whole object.
    pub range: Range,
    /// The name.
    pub selection_range: Range,
    /// Nested symbols.
    pub children: Vec<DocumentSymbol>,
}

/// A node of the dependency graph: an entity, or an activity of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    /// Stable key: factory root, kind and lower-case name.
    pub id: String,
    /// An entity kind, or `Activity`.
    pub kind: &'static str,
    /// The name as defined (as first referenced when nothing defines it).
    pub name: String,
    /// The file defining it; `null` when only referenced (missing).
    pub path: Option<String>,
    /// The factory root it belongs to (names are unique per factory only).
    pub root: String,
    /// For an activity: its pipeline.
    pub pipeline: Option<String>,
}

/// A dependency: `from` references or contains `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct GraphEdge {
    /// The id of the node that depends.
    pub from: String,
    /// The id of the node depended on.
    pub to: String,
}

/// The dependency graph of every factory in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Graph {
    /// Nodes sorted by id.
    pub nodes: Vec<GraphNode>,
    /// Edges sorted.
    pub edges: Vec<GraphEdge>,
}

/// A code action: edits applied together, fixing a finding or rewriting code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeAction {
    /// What the editor shows.
    pub title: String,
    /// `quickfix` or `refactor`.
    pub kind: &'static str,
    /// The name of the rule whose finding it fixes.
    pub rule: Option<&'static str>,
    /// The edits.
    pub edits: Vec<TextEdit>,
    /// Whether it is the obvious fix.
    pub preferred: bool,
}

/// An entity or activity found by name across the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceSymbol {
    /// Its name.
    pub name: String,
    /// `entity` or `activity`.
    pub kind: &'static str,
    /// For `entity`: which kind.
    #[serde(rename = "entityKind")]
    pub entity_kind: Option<&'static str>,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// The pipeline of an activity.
    pub container: Option<String>,
    /// Where its name is.
    pub location: Location,
}

/// A range an editor may fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoldingRange {
    /// From the opening to past the closing delimiter.
    pub range: Range,
    /// `region` or `comment`.
    pub kind: &'static str,
}
