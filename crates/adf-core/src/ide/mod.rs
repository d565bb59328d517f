//! IDE queries: pure functions over a [`Workspace`](crate::Workspace) that answer at a byte
//! offset of a file and return plain data (paths and byte ranges; adapters convert).
//!
//! Architecture invariant: nothing here knows LSP; a query reads the workspace and never
//! changes it, so an adapter may run queries on a shared snapshot while no edit is applied.

pub(crate) mod actions;
mod cancel;
mod completion;
mod docs;
mod evaluate;
mod files;
mod hover;
mod nav;
mod parameterization;
mod ranges;
mod symbols;
mod tree;

pub use actions::{code_actions, ActionKind, CodeAction};
pub use cancel::{Cancel, Cancelled};
pub use completion::completion;
pub use evaluate::{
    evaluate_at, input_value, EvalInput, Evaluation, InputKind, Outcome, CLOCK_INPUT, RANDOM_INPUT,
};
pub use files::{file_renames, FileRename};
pub use hover::hover;
pub use nav::{definition, document_symbols, references, rename, RenameError};
pub use ranges::{folding_ranges, selection_ranges, Fold, FoldKind};
pub use symbols::{workspace_symbols, WorkspaceSymbol, MAX_WORKSPACE_SYMBOLS};

use crate::diagnostic::TextRange;
use adf_catalog::EntityKind;

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file's path as the workspace names it.
    pub path: String,
    /// Byte range in that file.
    pub range: TextRange,
}

/// What a definition query leads to.
pub type Target = Location;

/// Hover text for a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Markdown to show.
    pub markdown: String,
    /// The range the hover is about.
    pub range: TextRange,
}

/// What a completion item completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A property name.
    Property,
    /// An allowed value of a property.
    Value,
    /// A `type` discriminator.
    Type,
    /// The name of an entity.
    Entity(EntityKind),
    /// The name of an activity.
    Activity,
    /// An expression function.
    Function,
    /// A parameter (in an expression).
    Parameter,
    /// A variable or system variable (in an expression).
    Variable,
}

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the list shows (and filters on).
    pub label: String,
    /// What it completes.
    pub kind: CompletionKind,
    /// A short description (JSON type, "required", entity type).
    pub detail: Option<String>,
    /// Text to insert: a snippet (`$1`, `${1:x}`, `$0`) when [`CompletionItem::snippet`] is set.
    pub insert_text: String,
    /// Whether `insert_text` is a snippet.
    pub snippet: bool,
    /// The bytes `insert_text` replaces: a partly typed key with its quotes, a string's
    /// content, an expression's word. Editors must not guess it: their words stop at quotes.
    pub replace: Option<TextRange>,
    /// What the editor matches the typed part of `replace` against, when it is not the label
    /// (a key's range starts at its opening quote).
    pub filter_text: Option<String>,
}

/// What a document symbol stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// An entity of this kind.
    Entity(EntityKind),
    /// An activity of a pipeline.
    Activity,
}

/// An entity or activity in a file's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Its name.
    pub name: String,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// What it is.
    pub kind: SymbolKind,
    /// The whole object.
    pub range: TextRange,
    /// The name (inside `range`).
    pub selection_range: TextRange,
    /// Nested symbols (a pipeline's activities, container activities' children).
    pub children: Vec<Symbol>,
}

/// A text replacement in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    /// The file's path.
    pub path: String,
    /// The bytes replaced.
    pub range: TextRange,
    /// What replaces them.
    pub new_text: String,
}

/// Whether an offset is inside or at either end of a range (a cursor right after a name is on it).
fn touches(range: TextRange, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}
