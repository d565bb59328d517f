//! What a file defines and what it points at, as plain data that outlives the syntax tree:
//! entities (kind, name, type, parameters, activities, facts the cross-file rules read) and
//! reference sites (target kind and name, range, arguments).

pub(crate) mod build;
mod extract;
pub(crate) mod siblings;
mod summary;
pub(crate) use summary::{ParamSummary, Summary};

pub use extract::extract_entity;
pub(crate) use extract::{child_arrays, reference_kind};

use crate::classify::Classification;
use crate::diagnostic::{Diagnostic, TextRange};
use adf_catalog::{Dialect, EntityKind};

/// Everything the analysis keeps of one file once its tree is dropped.
#[derive(Debug, Clone, Default)]
pub struct FileModel {
    /// The file's path as the adapter names it.
    pub path: String,
    /// What the file is (kind, dialect evidence).
    pub class: Option<Classification>,
    /// The dialect its entities were read in.
    pub dialect: Option<Dialect>,
    /// Entities the file defines (one for an entity file, several for an ARM template).
    pub entities: Vec<Entity>,
    /// Every reference from this file to another entity.
    pub refs: Vec<RefSite>,
    /// References whose target is computed (ADF or ARM expressions) and so not checked.
    pub dynamic_refs: usize,
    /// Findings that need this file only.
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of real-looking secrets, which every output must mask.
    pub secrets: Vec<TextRange>,
    /// Names read through `pipeline().globalParameters.X` in expressions, checked across files.
    pub global_param_uses: Vec<Named>,
}

/// A declared parameter of a pipeline, dataset, linked service or data flow.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Where the name is.
    pub range: TextRange,
    /// Declared type, lower case (`string`, `int`, `securestring`, ...), if stated.
    pub ty: Option<String>,
    /// Whether a default value is declared (an argument may then be left out).
    pub has_default: bool,
    /// Pipelines only: the first place where the parameter is used unguarded in a way that fails
    /// on null (what a run that receives no value for it meets).
    pub null_use: Option<NullUse>,
}

/// Where a pipeline uses a parameter so that a null value fails the run.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NullUse {
    /// The activity it happens in.
    pub activity: String,
    /// How it fails there.
    pub place: NullPlace,
}

/// How a null parameter breaks an activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NullPlace {
    /// It is passed to this function, which fails on null.
    Function(String),
    /// It is the whole value of this required property.
    Property(String),
}

/// v1 `availability` of a dataset or `scheduler` of an activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Schedule {
    /// `frequency` (Minute, Hour, Day, Week, Month), as written.
    pub frequency: String,
    /// `interval`.
    pub interval: i64,
    /// Where the block is.
    pub range: TextRange,
}

/// A name written in a file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Named {
    /// The name.
    pub name: String,
    /// Where the name string is.
    pub range: TextRange,
}

/// Facts of an activity that rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// `name`.
    pub name: String,
    /// Where its name is (or the object start when it has none).
    pub name_range: TextRange,
    /// `type`.
    pub type_name: Option<String>,
    /// Where its type is.
    pub type_range: Option<TextRange>,
    /// The container activity it sits in.
    pub parent: Option<usize>,
    /// Which activities array of the parent (ForEach/Until: 0; If: 0 true, 1 false; Switch: case
    /// index, default last); siblings share a parent and a branch.
    pub branch: u32,
    /// `dependsOn[].activity`.
    pub depends_on: Vec<Named>,
    /// `dependsOn[].dependencyConditions`, one per entry of `depends_on` (same index).
    pub conditions: Vec<Conditions>,
    /// The `activity('X')` calls in its strings (nested activities included), as (name, the
    /// member read after it, lower case: `output`, `status`, `error`, or empty): whether a step
    /// after an Upon Completion path tests the outcome or reads the output of the one before.
    /// Filled only in pipelines where some dependency is `Completed`, the only case it is read.
    pub reads_activities: Vec<(String, String)>,
    /// `state` is `Inactive`: Data Factory does not run it and marks it with
    /// `onInactiveMarkAs` instead.
    pub inactive: bool,
    /// The activities of its own list that `depends_on` names (the first of each name, case
    /// aside), in the order written; names that resolve to none are left out.
    pub waits_on: Vec<usize>,
    /// v1 `inputs[].name`.
    pub inputs: Vec<Named>,
    /// v1 `outputs[].name`.
    pub outputs: Vec<Named>,
    /// v1 `scheduler`.
    pub scheduler: Option<Schedule>,
    /// v1 AzureMLBatchExecution `webServiceInput`/`webServiceInputs` dataset names.
    pub web_service_inputs: Vec<Named>,
    /// v1 AzureMLBatchExecution `webServiceOutputs` dataset names.
    pub web_service_outputs: Vec<Named>,
    /// v1 AzureMLUpdateResource `trainedModelDatasetName`.
    pub trained_model_dataset: Option<Named>,
    /// Copy `source.type` and `sink.type`.
    pub copy_source: Option<Named>,
    /// Copy `sink.type`.
    pub copy_sink: Option<Named>,
    /// A ForEach whose iterations may run at once: `isSequential` absent or literally false
    /// (Data Factory's default is false); an expression or `true` makes it not parallel here.
    pub parallel: bool,
    /// Set/AppendVariable `typeProperties.variableName` when it is a pipeline variable: a string
    /// without `@`, not the `pipelineReturnValue` system variable and not `setSystemVariable`.
    pub sets_variable: Option<Named>,
    /// The settings that decide the members of its output (Lookup, Get Metadata, Execute
    /// Pipeline).
    pub output_settings: OutputSettings,
    /// Where the activity object starts (one character).
    pub range: TextRange,
}

/// A boolean setting as written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Not written (the activity's default applies).
    #[default]
    Absent,
    /// A literal `true`/`false` (or the string `"true"`/`"false"`).
    Literal(bool),
    /// Anything else (an expression): not known here.
    Unknown,
}

impl Flag {
    /// The value, with `default` for an absent setting; `None` when not known.
    pub fn or_default(self, default: bool) -> Option<bool> {
        match self {
            Flag::Absent => Some(default),
            Flag::Literal(b) => Some(b),
            Flag::Unknown => None,
        }
    }
}

/// The settings of an activity that decide what its output holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OutputSettings {
    /// Lookup `typeProperties.firstRowOnly`.
    pub first_row_only: Flag,
    /// Execute Pipeline `typeProperties.waitOnCompletion`.
    pub wait_on_completion: Flag,
    /// Get Metadata `typeProperties.fieldList` when it is a literal array of literal strings;
    /// `None` when absent, computed or holding anything else.
    pub field_list: Option<Vec<String>>,
}

/// One `dependsOn` condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Upon Success.
    Succeeded,
    /// Upon Failure.
    Failed,
    /// Upon Skip.
    Skipped,
    /// Upon Completion: succeeded or failed.
    Completed,
}

impl Condition {
    /// Reads a condition as Data Factory writes it (ASCII case aside).
    pub fn parse(s: &str) -> Option<Self> {
        [
            ("Succeeded", Self::Succeeded),
            ("Failed", Self::Failed),
            ("Skipped", Self::Skipped),
            ("Completed", Self::Completed),
        ]
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(s))
        .map(|(_, c)| c)
    }
}

/// The `dependencyConditions` of one `dependsOn` entry. Held inline: every activity of every
/// pipeline keeps one per dependency, and a list of strings each was 3 allocations per entry
/// (about 4 MB of `adf check`'s peak at N = 5 000).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    /// The known conditions written, each once, in written order (there are four).
    pub known: [Option<Condition>; 4],
    /// Whether the value is a non-empty array of strings that all name a condition: only then
    /// does the analysis know the entry (an expression, another value or an unknown name leave
    /// it unknown).
    pub literal: bool,
    /// Where the entry's `dependencyConditions` value is (the entry itself when it has none).
    pub range: TextRange,
}

impl Conditions {
    /// The known conditions written, in written order.
    pub fn iter(&self) -> impl Iterator<Item = Condition> + '_ {
        self.known.iter().flatten().copied()
    }

    /// Whether one of them is Completed (whether or not the others are known).
    pub fn has_completed(&self) -> bool {
        self.iter().any(|c| c == Condition::Completed)
    }
}

/// Facts of a linked service that rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LinkedServiceFacts {
    /// `typeProperties.updateResourceEndpoint`, if a literal string.
    pub update_resource_endpoint: Option<String>,
    /// Which of servicePrincipalId, servicePrincipalKey, tenant, apiKey are present.
    pub service_principal_id: bool,
    /// `servicePrincipalKey` present.
    pub service_principal_key: bool,
    /// `tenant` present.
    pub tenant: bool,
    /// `apiKey` present.
    pub api_key: bool,
}

/// Facts of a dataset that rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DatasetFacts {
    /// v1 `availability`.
    pub availability: Option<Schedule>,
    /// v1 `external: true`.
    pub external: bool,
    /// v2 `typeProperties.location.type`.
    pub location_type: Option<Named>,
}

/// One entity defined in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its kind.
    pub kind: EntityKind,
    /// Its name (from `name`, an ARM resource name, or the file name).
    pub name: String,
    /// Where the name is written (the file start when it comes from the file name).
    pub name_range: TextRange,
    /// The generation it is written for.
    pub dialect: Dialect,
    /// `properties.type`.
    pub type_name: Option<String>,
    /// Where the type is.
    pub type_range: Option<TextRange>,
    /// Declared parameters; `None` when they cannot be known (e.g. data flows declare theirs in
    /// the script).
    pub params: Option<Vec<Param>>,
    /// Declared pipeline variables.
    pub variables: Vec<Named>,
    /// Pipeline activities, nested ones included (parents before children).
    pub activities: Vec<Activity>,
    /// Indexes of `activities` sorted by lower-case name (then index), for lookups by name.
    pub by_name: Vec<usize>,
    /// Linked service facts.
    pub linked_service: Option<LinkedServiceFacts>,
    /// Dataset facts.
    pub dataset: Option<DatasetFacts>,
    /// Keys written again in the same object, at their later place (the earlier value is
    /// ignored, as `JSON.parse` ignores it).
    pub duplicate_keys: Vec<Named>,
    /// The entity's whole object.
    pub range: TextRange,
    /// Its file parsed without syntax errors, so its properties are fully known (rules that
    /// read a target's properties skip incomplete ones).
    pub complete: bool,
}

/// A name's bytes, ASCII case folded.
fn lower(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().map(|b| b.to_ascii_lowercase())
}

impl Entity {
    /// The activities named `name` (ASCII case aside), in order.
    pub fn activities_named(&self, name: &str) -> &[usize] {
        let cmp = |i: &usize| {
            let n = self.activities.get(*i).map_or("", |a| a.name.as_str());
            lower(n).cmp(lower(name))
        };
        let from = self.by_name.partition_point(|i| cmp(i).is_lt());
        let to = self.by_name.partition_point(|i| cmp(i).is_le());
        crate::steps::step(1);
        self.by_name.get(from..to).unwrap_or(&[])
    }
}

/// The JSON kind of an argument passed along a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArgKind {
    /// A string literal.
    String,
    /// An integer literal.
    Int,
    /// A number with a fraction.
    Float,
    /// true or false.
    Bool,
    /// An array.
    Array,
    /// An object that is not an expression.
    Object,
    /// null.
    Null,
    /// Computed: an ADF or ARM expression, or an expression object.
    Expression,
}

/// One argument passed along a reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Arg {
    /// The parameter it is for.
    pub name: String,
    /// Where the name is.
    pub range: TextRange,
    /// What kind of value it is.
    pub kind: ArgKind,
    /// The text of a string literal (to tell "5" from "five").
    pub literal: Option<String>,
    /// Where the value is.
    pub value_range: TextRange,
}

/// Where a reference sits, which decides what it must point at and what it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
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
    /// v1 AzureML `webServiceInput(s)`/`webServiceOutputs`, `trainedModelDatasetName`.
    WebService,
    /// Any other place.
    Other,
}

/// A reference to another entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefSite {
    /// The kind of entity it must name.
    pub target: EntityKind,
    /// The name it gives.
    pub name: String,
    /// Where the name is written.
    pub range: TextRange,
    /// The entity of this file it belongs to.
    pub entity: usize,
    /// The activity it belongs to, if any.
    pub activity: Option<usize>,
    /// Where it sits.
    pub role: Role,
    /// Arguments passed (`parameters` next to the reference), if any object is there.
    pub args: Option<Vec<Arg>>,
}
