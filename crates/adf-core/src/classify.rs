//! What a file is: an ADF entity of some kind and dialect, an ARM template, known tooling, or
//! unknown. Decided from the path string and the parsed root, never from a disk.

use crate::json;
use adf_catalog::{catalog, Dialect, EntityKind};
use adf_syntax::ast::{Object, Value};
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// One ADF entity.
    Entity(EntityKind),
    /// An ARM deployment template (checked from the whole-factory issue on).
    ArmTemplate,
    /// A file of tooling around a factory (publish_config.json, ARM parameters, package.json, ...).
    Tooling,
    /// A Synapse artifact that is not a Data Factory entity (notebook, SQL script, ...).
    OtherArtifact,
    /// A `~`-prefixed stale copy of another file, not part of the factory.
    StaleCopy,
    /// Not recognised.
    Unknown,
}

/// How sure the classifier is about a file's dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialectEvidence {
    /// The file says so (folder layout, `$schema`, v1/v2-only properties or types).
    Certain(Dialect),
    /// Nothing in the file tells; v2 is assumed unless its folder says otherwise.
    Unknown,
}

/// The result of classifying one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classification {
    /// What the file holds.
    pub kind: FileKind,
    /// Which generation it is written for.
    pub dialect: DialectEvidence,
    /// The file proves its factory is a Synapse workspace (a Synapse-only artifact, tooling file
    /// or reference); see [`synapse_evidence`].
    pub synapse: bool,
    /// The kind whose git folder the file sits in, when its shape says it is of another kind
    /// (it is classified by its shape; see the `misplaced-file` rule).
    pub folder_kind: Option<EntityKind>,
}

/// Whether a file's text uses something only Synapse workspaces have: dedicated SQL pool
/// references, the SQL pool stored procedure activity, and ARM resources of a workspace.
pub fn synapse_evidence(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Every file's whole text is searched: two vectorised searches instead of three substring
    // searches (the three took 2 % of `adf check`).
    static SQL_POOL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\"SqlPool"));
    static WORKSPACES: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new("Microsoft.Synapse/workspaces"));
    let bytes = text.as_bytes();
    SQL_POOL.find_iter(bytes).any(|at| {
        let rest = &bytes[at + "\"SqlPool".len()..];
        rest.starts_with(b"Reference\"") || rest.starts_with(b"StoredProcedure\"")
    }) || WORKSPACES.find(bytes).is_some()
}

/// File names (lower case) of tooling files that live in factories and are no entities.
const TOOLING_NAMES: &[&str] = &[
    "publish_config.json",
    "arm-template-parameters-definition.json",
    "template-parameters-definition.json",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "deployment-state.json",
    "adftools_deployment_state.json",
    "config.json",
];

/// Synapse workspace folders whose files are not Data Factory entities.
const OTHER_ARTIFACT_FOLDERS: &[&str] = &[
    "notebook",
    "sqlscript",
    "sparkjobdefinition",
    "kqlscript",
    "sparkconfiguration",
    "bigdatapool",
    "database",
    "sqlpool",
    "kustopool",
];

/// The ADF git folder name (lower case) for each entity kind, v2 and Synapse layouts.
pub const GIT_FOLDERS: &[(&str, EntityKind)] = &[
    ("pipeline", EntityKind::Pipeline),
    ("dataset", EntityKind::Dataset),
    ("linkedservice", EntityKind::LinkedService),
    ("trigger", EntityKind::Trigger),
    ("dataflow", EntityKind::DataFlow),
    ("integrationruntime", EntityKind::IntegrationRuntime),
    ("credential", EntityKind::Credential),
    ("managedvirtualnetwork", EntityKind::ManagedVirtualNetwork),
    ("managedprivateendpoint", EntityKind::ManagedPrivateEndpoint),
    ("adfcdc", EntityKind::ChangeDataCapture),
    ("factory", EntityKind::Factory),
];

/// Folder names of v1 Visual Studio projects and samples.
pub(crate) const V1_FOLDERS: &[(&str, EntityKind)] = &[
    ("linkedservices", EntityKind::LinkedService),
    ("tables", EntityKind::Dataset),
    ("datasets", EntityKind::Dataset),
    ("pipelines", EntityKind::Pipeline),
];

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The parent folder names of a path, nearest first.
fn folders(path: &str) -> impl Iterator<Item = &str> {
    let mut parts: Vec<&str> = path.split(['/', '\\']).collect();
    parts.pop();
    parts.into_iter().rev()
}

/// True for file names of tooling around a factory (not entities, skipped silently).
pub fn is_tooling_name(path: &str) -> bool {
    let name = file_name(path).to_ascii_lowercase();
    TOOLING_NAMES.contains(&name.as_str())
        || name.ends_with(".adftools_deployment_state.json")
        || (name.starts_with("config-") && name.ends_with(".json"))
        || name.starts_with("armtemplateparametersforfactory")
        || name.starts_with("templateparametersforworkspace")
}

/// Whether a file sits in an entity folder (`dataset/`, `pipeline/`, ... or a v1 project's) and
/// reads as an entity (a `name` and a `properties` object): ADF's git layout names files after
/// their entities, so `dataset/Config.json` is the dataset `Config`, not a tool's `config.json`.
fn is_entity_in_its_folder(path: &str, root: Option<&Value<'_>>) -> bool {
    let Some(parent) = folders(path).next().map(str::to_ascii_lowercase) else {
        return false;
    };
    let entity_folder = GIT_FOLDERS
        .iter()
        .chain(V1_FOLDERS)
        .any(|(f, _)| *f == parent);
    entity_folder
        && matches!(root, Some(Value::Object(o))
            if json::get_str(o, "name").is_some() && json::get_obj(o, "properties").is_some())
}

/// Classifies a file from its path and parsed root value.
pub fn classify(path: &str, root: Option<&Value<'_>>) -> Classification {
    let unknown = Classification {
        kind: FileKind::Unknown,
        dialect: DialectEvidence::Unknown,
        synapse: false,
        folder_kind: None,
    };
    // `~name.json` files are stale copies that some tools leave next to the real entity (corpus:
    // adftools-adhoc-issues/issue-240); they are no entities of the factory and are not checked.
    if file_name(path).starts_with('~') {
        return Classification {
            kind: FileKind::StaleCopy,
            ..unknown
        };
    }
    if is_tooling_name(path) && !is_entity_in_its_folder(path, root) {
        // Synapse Studio names its ARM parameter definition file differently from ADF Studio.
        let synapse = file_name(path).eq_ignore_ascii_case("template-parameters-definition.json");
        return Classification {
            kind: FileKind::Tooling,
            synapse,
            ..unknown
        };
    }
    let parent = folders(path).next().map(str::to_ascii_lowercase);
    if let Some(p) = &parent {
        if OTHER_ARTIFACT_FOLDERS.contains(&p.as_str()) {
            return Classification {
                kind: FileKind::OtherArtifact,
                synapse: true,
                ..unknown
            };
        }
    }
    let Some(Value::Object(obj)) = root else {
        return unknown;
    };
    if let Some(schema) = json::get_str(obj, "$schema") {
        let s = schema.to_ascii_lowercase();
        // Visual Studio's v1 deployment configuration files (one per environment) hold
        // property overrides, not entities.
        if s.contains("deploymentparameters") || s.ends_with("microsoft.datafactory.config.json") {
            return Classification {
                kind: FileKind::Tooling,
                ..unknown
            };
        }
        if s.contains("deploymenttemplate") {
            return Classification {
                kind: FileKind::ArmTemplate,
                ..unknown
            };
        }
        if s.contains("microsoft.datafactory.") {
            let kind = if s.ends_with("pipeline.json") {
                Some(EntityKind::Pipeline)
            } else if s.ends_with("table.json") || s.ends_with("dataset.json") {
                Some(EntityKind::Dataset)
            } else if s.ends_with("linkedservice.json") {
                Some(EntityKind::LinkedService)
            } else {
                None
            };
            if let Some(kind) = kind {
                return Classification {
                    kind: FileKind::Entity(kind),
                    dialect: DialectEvidence::Certain(Dialect::V1),
                    ..unknown
                };
            }
        }
    }
    if json::get(obj, "resources").is_some() && json::get(obj, "contentVersion").is_some() {
        return Classification {
            kind: FileKind::ArmTemplate,
            ..unknown
        };
    }
    let shape_dialect = dialect_from_shape(obj);
    if let Some(p) = &parent {
        let entity_like = ["name", "properties", "type"]
            .iter()
            .any(|k| json::get(obj, k).is_some());
        if let Some((_, kind)) = GIT_FOLDERS
            .iter()
            .find(|(f, _)| f == p)
            .filter(|_| entity_like)
        {
            // The folder tells the kind unless the file's own `type` is a known type of another
            // kind only (a migration tool writes `*.Trigger.json` files into `Pipeline/`).
            if let Some(other) = kind_from_foreign_type(obj, *kind) {
                return Classification {
                    kind: FileKind::Entity(other),
                    dialect: shape_dialect,
                    folder_kind: Some(*kind),
                    ..unknown
                };
            }
            // The dialect comes from the file or, failing that, from the majority of its
            // factory (some v1 projects use the same folder names).
            return Classification {
                kind: FileKind::Entity(*kind),
                dialect: shape_dialect,
                ..unknown
            };
        }
    }
    // A v1 project's folder names the kind more surely than the shape (a v1 HDInsight linked
    // service has `linkedServiceName` like a dataset).
    if let Some(p) = &parent {
        if let Some((_, kind)) = V1_FOLDERS.iter().find(|(f, _)| f == p) {
            if json::get_obj(obj, "properties").is_some() {
                return Classification {
                    kind: FileKind::Entity(*kind),
                    dialect: shape_dialect,
                    ..unknown
                };
            }
        }
    }
    if let Some(kind) = kind_from_shape(obj) {
        return Classification {
            kind: FileKind::Entity(kind),
            dialect: shape_dialect,
            ..unknown
        };
    }
    unknown
}

/// Which entity kinds and dialects know a `type` discriminator (keys lower case).
fn type_index() -> &'static HashMap<String, Vec<(Dialect, EntityKind)>> {
    static INDEX: OnceLock<HashMap<String, Vec<(Dialect, EntityKind)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let cat = catalog();
        let mut map: HashMap<String, Vec<(Dialect, EntityKind)>> = HashMap::new();
        for e in &cat.entities {
            if e.kind == EntityKind::Activity {
                continue;
            }
            for t in cat.type_names(e.dialect, e.kind) {
                map.entry(t.to_ascii_lowercase())
                    .or_default()
                    .push((e.dialect, e.kind));
            }
        }
        map
    })
}

/// The kinds and dialects that know this `type` value.
pub fn kinds_of_type(type_name: &str) -> &'static [(Dialect, EntityKind)] {
    type_index()
        .get(&type_name.to_ascii_lowercase())
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The kind a file in the folder of `folder` really is, when its `properties.type` is a type
/// the catalog knows for other kinds and never for the folder's kind.
fn kind_from_foreign_type(obj: &Object<'_>, folder: EntityKind) -> Option<EntityKind> {
    let props = json::get_obj(obj, "properties")?;
    // What makes the folder's kind stays decisive: a dataset with a linked service of a wrong
    // type is a faulty dataset, not a misplaced linked service.
    let own = match folder {
        EntityKind::Pipeline => "activities",
        EntityKind::Dataset => "linkedServiceName",
        _ => "",
    };
    if !own.is_empty() && json::get(props, own).is_some() {
        return None;
    }
    let kinds = kinds_of_type(json::get_str(props, "type")?);
    if kinds.is_empty() || kinds.iter().any(|(_, k)| *k == folder) {
        return None;
    }
    kind_from_shape(obj).filter(|k| *k != folder)
}

fn kind_from_shape(obj: &Object<'_>) -> Option<EntityKind> {
    if let Some(t) = json::get_str(obj, "type") {
        let t = t.to_ascii_lowercase();
        if t == "microsoft.datafactory/factories" {
            return Some(EntityKind::Factory);
        }
        if let Some(rest) = t.strip_prefix("microsoft.datafactory/factories/") {
            let kind = match rest {
                "pipelines" => Some(EntityKind::Pipeline),
                "datasets" => Some(EntityKind::Dataset),
                "linkedservices" => Some(EntityKind::LinkedService),
                "triggers" => Some(EntityKind::Trigger),
                "dataflows" => Some(EntityKind::DataFlow),
                "integrationruntimes" => Some(EntityKind::IntegrationRuntime),
                "credentials" => Some(EntityKind::Credential),
                "managedvirtualnetworks" => Some(EntityKind::ManagedVirtualNetwork),
                "managedvirtualnetworks/managedprivateendpoints" => {
                    Some(EntityKind::ManagedPrivateEndpoint)
                }
                "adfcdcs" => Some(EntityKind::ChangeDataCapture),
                "globalparameters" => Some(EntityKind::GlobalParameters),
                _ => None,
            };
            if kind.is_some() {
                return kind;
            }
        }
    }
    let props = json::get_obj(obj, "properties")?;
    if json::get(props, "activities").is_some() {
        return Some(EntityKind::Pipeline);
    }
    if let Some(t) = json::get_str(props, "type") {
        let kinds = kinds_of_type(t);
        let has_ls = json::get(props, "linkedServiceName").is_some();
        if has_ls && kinds.iter().any(|(_, k)| *k == EntityKind::Dataset) {
            return Some(EntityKind::Dataset);
        }
        if let Some((_, k)) = kinds.iter().find(|(_, k)| *k != EntityKind::Dataset) {
            return Some(*k);
        }
        if let Some((_, k)) = kinds.first() {
            return Some(*k);
        }
        if t.ends_with("Trigger") {
            return Some(EntityKind::Trigger);
        }
    }
    if json::get(props, "linkedServiceName").is_some() && json::get(props, "type").is_some() {
        return Some(EntityKind::Dataset);
    }
    None
}

/// v1 and v2 tell themselves apart by a few properties only one of them has.
fn dialect_from_shape(obj: &Object<'_>) -> DialectEvidence {
    if json::get(obj, "etag").is_some() {
        return DialectEvidence::Certain(Dialect::V2);
    }
    let Some(props) = json::get_obj(obj, "properties") else {
        return DialectEvidence::Unknown;
    };
    for v1_only in [
        "availability",
        "external",
        "start",
        "end",
        "isPaused",
        "pipelineMode",
        "hubName",
    ] {
        if json::get(props, v1_only).is_some() {
            return DialectEvidence::Certain(Dialect::V1);
        }
    }
    for v2_only in [
        "parameters",
        "annotations",
        "folder",
        "variables",
        "connectVia",
        "pipelines",
    ] {
        if json::get(props, v2_only).is_some() {
            return DialectEvidence::Certain(Dialect::V2);
        }
    }
    // v1 compute linked services name their storage by a bare string inside typeProperties.
    if let Some(Value::StringLit(_)) = json::get_obj(props, "typeProperties")
        .and_then(|tp| json::get(tp, "linkedServiceName"))
        .map(|p| &p.value)
    {
        return DialectEvidence::Certain(Dialect::V1);
    }
    match json::get(props, "linkedServiceName").map(|p| &p.value) {
        Some(Value::StringLit(_)) => return DialectEvidence::Certain(Dialect::V1),
        Some(Value::Object(_)) => return DialectEvidence::Certain(Dialect::V2),
        _ => {}
    }
    if let Some(Value::Array(acts)) = json::get(props, "activities").map(|p| &p.value) {
        if let Some(d) = dialect_from_activities(&acts.elements) {
            return DialectEvidence::Certain(d);
        }
    }
    if let Some(t) = json::get_str(props, "type") {
        let kinds = kinds_of_type(t);
        let v1 = kinds.iter().any(|(d, _)| *d == Dialect::V1);
        let v2 = kinds.iter().any(|(d, _)| *d == Dialect::V2);
        if v1 && !v2 {
            return DialectEvidence::Certain(Dialect::V1);
        }
        if v2 && !v1 {
            return DialectEvidence::Certain(Dialect::V2);
        }
    }
    DialectEvidence::Unknown
}

/// Activity `type` names known to only one dialect (lower case): (v1-only, v2-only).
fn activity_type_sets() -> &'static (Vec<String>, Vec<String>) {
    static SETS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    SETS.get_or_init(|| {
        let cat = catalog();
        let lower = |d| -> Vec<String> {
            cat.type_names(d, EntityKind::Activity)
                .into_iter()
                .map(str::to_ascii_lowercase)
                .collect()
        };
        let (v1, v2) = (lower(Dialect::V1), lower(Dialect::V2));
        (
            v1.iter().filter(|t| !v2.contains(t)).cloned().collect(),
            v2.iter().filter(|t| !v1.contains(t)).cloned().collect(),
        )
    })
}

/// The dialect a pipeline's activities speak, weighing every activity: a v2 Copy activity has
/// `inputs`/`outputs` too (as dataset reference objects), so their presence alone proves
/// nothing; v1 names datasets by `{"name"}` and schedules activities.
fn dialect_from_activities(acts: &[Value<'_>]) -> Option<Dialect> {
    let (v1_types, v2_types) = activity_type_sets();
    let (mut v1, mut v2) = (0usize, 0usize);
    for a in acts {
        let Value::Object(a) = a else { continue };
        if json::get(a, "scheduler").is_some() {
            v1 += 1;
        }
        for key in ["dependsOn", "userProperties"] {
            if json::get(a, key).is_some() {
                v2 += 1;
            }
        }
        match json::get(a, "linkedServiceName").map(|p| &p.value) {
            Some(Value::Object(_)) => v2 += 1,
            Some(Value::StringLit(_)) => v1 += 1,
            _ => {}
        }
        for key in ["inputs", "outputs"] {
            let Some(Value::Array(items)) = json::get(a, key).map(|p| &p.value) else {
                continue;
            };
            for item in &items.elements {
                let Value::Object(item) = item else { continue };
                if json::get(item, "referenceName").is_some() {
                    v2 += 1;
                } else if json::get(item, "name").is_some() {
                    v1 += 1;
                }
            }
        }
        if let Some(t) = json::get_str(a, "type") {
            let t = t.to_ascii_lowercase();
            if v1_types.contains(&t) {
                v1 += 1;
            } else if v2_types.contains(&t) {
                v2 += 1;
            }
        }
    }
    match v1.cmp(&v2) {
        std::cmp::Ordering::Greater => Some(Dialect::V1),
        std::cmp::Ordering::Less => Some(Dialect::V2),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::synapse_evidence;

    #[test]
    fn synapse_markers_are_found_whole_and_anywhere() {
        assert!(synapse_evidence(r#"{"type": "SqlPoolReference"}"#));
        assert!(synapse_evidence(
            r#"{"type":"SqlPoolStoredProcedure","x":1}"#
        ));
        assert!(synapse_evidence(
            r#"{"type": "Microsoft.Synapse/workspaces/pipelines"}"#
        ));
        // A later occurrence counts when an earlier prefix does not.
        assert!(synapse_evidence(
            r#"{"a": "SqlPoolX", "b": "SqlPoolReference"}"#
        ));
        assert!(!synapse_evidence(r#"{"type": "SqlPoolReferences"}"#));
        assert!(!synapse_evidence(r#"{"type": "SqlPool"}"#));
        assert!(!synapse_evidence(r#"{"name": "Microsoft.Synapse"}"#));
        assert!(!synapse_evidence(""));
    }
}
