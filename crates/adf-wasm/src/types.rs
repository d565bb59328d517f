//! The plain objects JavaScript sees. Their TypeScript declarations are generated from these
//! types (tsify's derive puts them in the bindings' `.d.ts`): a field added here is declared
//! there, with its doc comment. Field names are camelCase on both sides, `Option` is `null`
//! (the values go out through serde-wasm-bindgen's JSON-compatible serializer), and the word
//! lists (severities, kinds) are enums, so that a new core variant fails to compile here until
//! it has its name.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// A zero-based line and UTF-16 column, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct Position {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column in UTF-16 code units.
    pub character: u32,
}

/// A half-open range of positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct Range {
    /// Where it starts.
    pub start: Position,
    /// Just past its end.
    pub end: Position,
}

/// One finding, configuration applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Diagnostic {
    /// Where in the file.
    pub range: Range,
    /// After configuration.
    pub severity: Severity,
    /// The rule's stable code (`ADF0104`).
    pub code: &'static str,
    /// The rule's stable name (`invalid-value`).
    pub rule: &'static str,
    /// What is wrong (never quotes a secret value).
    pub message: String,
}

/// The findings of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct FileDiagnostics {
    /// The file's path as it was given.
    pub path: String,
    /// Its findings in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Location {
    /// The file's path as it was given.
    pub path: String,
    /// The range in that file.
    pub range: Range,
}

/// Hover text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Hover {
    /// Markdown to show.
    pub markdown: String,
    /// What the hover is about.
    pub range: Range,
}

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompletionItem {
    /// What the list shows and filters on.
    pub label: String,
    /// What it completes.
    pub kind: CompletionKind,
    /// For `entity`: which kind of entity.
    pub entity_kind: Option<EntityKind>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    /// The file it applies to.
    pub path: String,
    /// The range replaced.
    pub range: Range,
    /// What replaces it.
    pub new_text: String,
}

/// A file to rename with its entity (git layout: the file is named after the entity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct FileRename {
    /// The file's path now.
    pub from: String,
    /// Its path after the rename.
    pub to: String,
}

/// An entity or activity of a file's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSymbol {
    /// Its name.
    pub name: String,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// An entity or an activity.
    pub kind: SymbolKind,
    /// For `entity`: which kind.
    pub entity_kind: Option<EntityKind>,
    /// The whole object.
    pub range: Range,
    /// The name.
    pub selection_range: Range,
    /// Nested symbols.
    pub children: Vec<DocumentSymbol>,
}

/// A node of the dependency graph: an entity, or an activity of a pipeline
/// (`adf_core::graph::PlainNode`, the node `adf graph --format json` prints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct GraphNode {
    /// Stable key: factory root, kind and lower-case name (`pipeline/activity` for an
    /// activity), joined by `|`.
    pub id: String,
    /// An entity kind, or `Activity`.
    pub kind: EntityKind,
    /// The name as defined (as first referenced when nothing defines it).
    pub name: String,
    /// The factory root it belongs to (names are unique per factory only).
    pub root: String,
    /// For an activity: its pipeline.
    pub pipeline: Option<String>,
    /// The file defining it; `null` when only referenced (missing).
    pub path: Option<String>,
    /// Where its name (the string, quotes included) is written in `path`; `null` with `path`.
    pub range: Option<Range>,
}

/// A dependency: `from` references or contains `to` (`adf_core::graph::PlainEdge`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct GraphEdge {
    /// The id of the node that depends.
    pub from: String,
    /// The id of the node depended on.
    pub to: String,
    /// What the dependency is.
    pub link: GraphLink,
}

/// The dependency graph of every factory in the workspace: the object `adf graph --format
/// json` prints for the same files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default, Tsify)]
pub struct Graph {
    /// Nodes sorted by id.
    pub nodes: Vec<GraphNode>,
    /// Edges sorted, each (from, to, link) once.
    pub edges: Vec<GraphEdge>,
}

/// A code action: edits applied together, fixing a finding or rewriting code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct CodeAction {
    /// What the editor shows.
    pub title: String,
    /// A fix of a finding, or a rewrite.
    pub kind: ActionKind,
    /// The name of the rule whose finding it fixes.
    pub rule: Option<&'static str>,
    /// The edits.
    pub edits: Vec<TextEdit>,
    /// Whether it is the obvious fix.
    pub preferred: bool,
}

/// An entity or activity found by name across the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct WorkspaceSymbol {
    /// Its name.
    pub name: String,
    /// An entity or an activity.
    pub kind: SymbolKind,
    /// For `entity`: which kind.
    #[serde(rename = "entityKind")]
    pub entity_kind: Option<EntityKind>,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// The pipeline of an activity.
    pub container: Option<String>,
    /// Where its name is.
    pub location: Location,
}

/// A range an editor may fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct FoldingRange {
    /// From the opening to past the closing delimiter.
    pub range: Range,
    /// A region or a comment.
    pub kind: FoldKind,
}

/// A file for `setFiles`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Tsify)]
pub struct SourceText {
    /// Its path (the layout of the factory comes from the paths).
    pub path: String,
    /// Its text.
    pub text: String,
}

/// How serious a finding is (after configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Data Factory rejects it, or every run fails there.
    Error,
    /// It runs, but very likely not as meant.
    Warning,
    /// Worth knowing.
    Info,
    /// A quiet suggestion.
    Hint,
}

impl From<adf_core::Severity> for Severity {
    fn from(s: adf_core::Severity) -> Self {
        match s {
            adf_core::Severity::Error => Severity::Error,
            adf_core::Severity::Warning => Severity::Warning,
            adf_core::Severity::Info => Severity::Info,
            adf_core::Severity::Hint => Severity::Hint,
        }
    }
}

/// The kinds of ADF entities (`Activity` for an activity of a pipeline), named as
/// `adf_catalog::EntityKind::name` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
pub enum EntityKind {
    LinkedService,
    Dataset,
    Pipeline,
    Activity,
    Trigger,
    DataFlow,
    IntegrationRuntime,
    Credential,
    ManagedVirtualNetwork,
    ManagedPrivateEndpoint,
    ChangeDataCapture,
    Factory,
    GlobalParameters,
}

impl From<adf_catalog::EntityKind> for EntityKind {
    fn from(k: adf_catalog::EntityKind) -> Self {
        use adf_catalog::EntityKind as K;
        match k {
            K::LinkedService => EntityKind::LinkedService,
            K::Dataset => EntityKind::Dataset,
            K::Pipeline => EntityKind::Pipeline,
            K::Activity => EntityKind::Activity,
            K::Trigger => EntityKind::Trigger,
            K::DataFlow => EntityKind::DataFlow,
            K::IntegrationRuntime => EntityKind::IntegrationRuntime,
            K::Credential => EntityKind::Credential,
            K::ManagedVirtualNetwork => EntityKind::ManagedVirtualNetwork,
            K::ManagedPrivateEndpoint => EntityKind::ManagedPrivateEndpoint,
            K::ChangeDataCapture => EntityKind::ChangeDataCapture,
            K::Factory => EntityKind::Factory,
            K::GlobalParameters => EntityKind::GlobalParameters,
        }
    }
}

/// What a completion item completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum CompletionKind {
    /// A property name.
    Property,
    /// An allowed value of a property.
    Value,
    /// A `type` discriminator.
    Type,
    /// The name of an entity (`entityKind` says which kind).
    Entity,
    /// The name of an activity.
    Activity,
    /// An expression function.
    Function,
    /// A parameter in an expression.
    Parameter,
    /// A variable in an expression.
    Variable,
}

/// Whether a symbol is an entity or an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    /// An entity (`entityKind` says which kind).
    Entity,
    /// An activity of a pipeline.
    Activity,
}

/// What a code action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    /// Fixes a finding.
    QuickFix,
    /// Rewrites code without fixing a finding by itself.
    Refactor,
}

/// What a folding range folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum FoldKind {
    /// An object or array.
    Region,
    /// A block comment.
    Comment,
}

/// What a graph edge stands for, named as `adf_core::graph::Link::name` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum GraphLink {
    /// A pipeline (or container activity) holds the activity.
    Contains,
    /// A dataset's `linkedServiceName`.
    DatasetLinkedService,
    /// An activity's `linkedServiceName`.
    ActivityLinkedService,
    /// An activity's `inputs`.
    ActivityInput,
    /// An activity's `outputs`.
    ActivityOutput,
    /// A Key Vault secret's `store`.
    KeyVaultStore,
    /// `connectVia`.
    ConnectVia,
    /// ExecutePipeline's `pipeline`.
    ExecutePipeline,
    /// A trigger's pipeline.
    TriggerPipeline,
    /// v1 Azure ML web service inputs and outputs, `trainedModelDatasetName`.
    WebService,
    /// Any other place that names an entity (a Lookup's `dataset`, ...).
    Reference,
}

impl From<adf_core::graph::Link> for GraphLink {
    fn from(link: adf_core::graph::Link) -> Self {
        use adf_core::graph::Link;
        use adf_core::model::Role;
        match link {
            Link::Contains => GraphLink::Contains,
            Link::Reference(role) => match role {
                Role::DatasetLinkedService => GraphLink::DatasetLinkedService,
                Role::ActivityLinkedService => GraphLink::ActivityLinkedService,
                Role::ActivityInput => GraphLink::ActivityInput,
                Role::ActivityOutput => GraphLink::ActivityOutput,
                Role::KeyVaultStore => GraphLink::KeyVaultStore,
                Role::ConnectVia => GraphLink::ConnectVia,
                Role::ExecutePipeline => GraphLink::ExecutePipeline,
                Role::TriggerPipeline => GraphLink::TriggerPipeline,
                Role::WebService => GraphLink::WebService,
                Role::Other => GraphLink::Reference,
            },
        }
    }
}

/// What kind of input an expression reads (see `Workspace.evaluate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum InputKind {
    /// `pipeline().parameters.X`.
    Parameter,
    /// `pipeline().globalParameters.X`.
    GlobalParameter,
    /// `variables('X')`.
    Variable,
    /// A system variable such as `pipeline().RunId`.
    System,
    /// The ForEach item, `item()`.
    Item,
    /// `activity('A').output`.
    ActivityOutput,
    /// `dataset().X` or `linkedService().X`.
    EntityParameter,
    /// `trigger()`, `triggerBody()`, `triggerOutputs()`, `dataflow()`.
    ContextFunction,
    /// The current time (a timestamp such as `2026-01-01T00:00:00Z`).
    Clock,
    /// The seed of `guid()` and `rand()` (an unsigned integer).
    Random,
    /// Cannot be given: the value stays unknown while it is needed.
    Unsupported,
}

impl From<adf_core::ide::InputKind> for InputKind {
    fn from(k: adf_core::ide::InputKind) -> Self {
        use adf_core::ide::InputKind as K;
        match k {
            K::Parameter => InputKind::Parameter,
            K::GlobalParameter => InputKind::GlobalParameter,
            K::Variable => InputKind::Variable,
            K::System => InputKind::System,
            K::Item => InputKind::Item,
            K::ActivityOutput => InputKind::ActivityOutput,
            K::EntityParameter => InputKind::EntityParameter,
            K::ContextFunction => InputKind::ContextFunction,
            K::Clock => InputKind::Clock,
            K::Random => InputKind::Random,
            K::Unsupported => InputKind::Unsupported,
        }
    }
}

/// One input an expression reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct EvalInput {
    /// Its name (`pipeline().parameters.day`); give it back as a key of `inputs`.
    pub name: String,
    /// What it is.
    pub kind: InputKind,
    /// The declared default as compact JSON (`"2026-01-01"` with its quotes), or `null`.
    pub default: Option<String>,
}

/// The value of an expression, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum EvalResult {
    /// The value, as compact JSON.
    Value {
        /// Compact JSON (a string in quotes).
        value: String,
    },
    /// Not computable without these inputs.
    Unknown {
        /// Input names, as in `EvalInput.name`.
        needs: Vec<String>,
    },
    /// The evaluation fails.
    Error {
        /// What went wrong.
        message: String,
        /// The sub-expression at fault.
        range: Range,
    },
}

/// The expression at a position, the inputs it reads and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Evaluation {
    /// The expression (the property's decoded value).
    pub expression: String,
    /// The string holding it, quotes included.
    pub range: Range,
    /// The inputs it reads, each with its declared default.
    pub inputs: Vec<EvalInput>,
    /// The value with the given inputs over the defaults.
    pub result: EvalResult,
    /// Given input names that are not inputs (not used).
    pub ignored: Vec<String>,
}
