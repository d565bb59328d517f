//! ## What it does
//! Checks the custom parameterization file of Data Factory's CI/CD,
//! `arm-template-parameters-definition.json` (any folder; Data Factory reads it from the root
//! folder of the git branch). It reports:
//! - a top-level key that is not a Data Factory resource type (the file has one section per
//!   resource type, such as `Microsoft.DataFactory/factories/pipelines`; names are compared
//!   without regard to case);
//! - a definition string that does not follow `<action>:<name>:<stype>`: the action must be
//!   `=` (keep the current value as the parameter's default), `-` (no default) or `|` (a Key
//!   Vault secret for a connection string or key); the type, when given, one of `string`,
//!   `securestring`, `int`, `bool`, `object`, `secureobject` and `array` (any case);
//! - a value that is neither such a string nor an object or array of further definitions
//!   (a number, `true`, `null`, or a section that is not an object).
//!
//! Property paths are checked by `unknown-parameterized-property`.
//!
//! ## Why is this bad?
//! Data Factory reads this file when it publishes from the collaboration branch or exports
//! the ARM template, and parameterizes the properties it describes. A section under a
//! resource type it does not know, or a definition it cannot read, does not give the ARM
//! template the parameter the author meant, and the deployment to the next environment keeps
//! the development value.
//!
//! The severity is a warning: no published error says that publishing fails on such a file.
//!
//! ## Evidence
//! The resource type sections, the `<action>:<name>:<stype>` format, the three actions and the
//! supported types are those of Microsoft's page on custom parameters:
//! <https://learn.microsoft.com/en-us/azure/data-factory/continuous-integration-delivery-resource-manager-custom-parameters>.
//!
//! ## Example
//! `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/pipeline": {
//!         "properties": {"parameters": {"*": {"defaultValue": "="}}}
//!     },
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurrence": {"interval": "=:-interval:integer"}}}
//!     }
//! }
//! ```
//!
//! Use instead: `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/pipelines": {
//!         "properties": {"parameters": {"*": {"defaultValue": "="}}}
//!     },
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurrence": {"interval": "=:-interval:int"}}}
//!     }
//! }
//! ```

use super::{unknown_parameterized_property, Rule};
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::{json, schema_check, suggest};
use adf_catalog::{catalog, Catalog, Dialect, EntityKind, ObjId, PropDef};
use adf_syntax::ast::{Object, Value};

pub static RULE: Rule = Rule {
    code: "ADF0130",
    name: "invalid-parameterization",
    severity: Severity::Warning,
    summary: "an unknown resource type or a malformed definition in arm-template-parameters-definition.json",
    source: "src/rules/invalid_parameterization.rs",
};

/// The file name Data Factory reads its custom parameterization from (the page says that exact
/// name; Synapse's `template-parameters-definition.json` is not checked).
const FILE_NAME: &str = "arm-template-parameters-definition.json";

/// The resource types a section may name: those of Microsoft's page, and the other Data
/// Factory child resources an ARM export holds (managed virtual networks, change data capture,
/// private endpoint connections), with the entity kind whose properties the paths follow.
const RESOURCE_TYPES: &[(&str, Option<EntityKind>)] = &[
    ("Microsoft.DataFactory/factories", Some(EntityKind::Factory)),
    (
        "Microsoft.DataFactory/factories/globalparameters",
        Some(EntityKind::GlobalParameters),
    ),
    (
        "Microsoft.DataFactory/factories/pipelines",
        Some(EntityKind::Pipeline),
    ),
    (
        "Microsoft.DataFactory/factories/dataflows",
        Some(EntityKind::DataFlow),
    ),
    (
        "Microsoft.DataFactory/factories/integrationRuntimes",
        Some(EntityKind::IntegrationRuntime),
    ),
    (
        "Microsoft.DataFactory/factories/triggers",
        Some(EntityKind::Trigger),
    ),
    (
        "Microsoft.DataFactory/factories/linkedServices",
        Some(EntityKind::LinkedService),
    ),
    (
        "Microsoft.DataFactory/factories/datasets",
        Some(EntityKind::Dataset),
    ),
    (
        "Microsoft.DataFactory/factories/credentials",
        Some(EntityKind::Credential),
    ),
    (
        "Microsoft.DataFactory/factories/managedVirtualNetworks",
        Some(EntityKind::ManagedVirtualNetwork),
    ),
    (
        "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints",
        Some(EntityKind::ManagedPrivateEndpoint),
    ),
    (
        "Microsoft.DataFactory/factories/adfcdcs",
        Some(EntityKind::ChangeDataCapture),
    ),
    (
        "Microsoft.DataFactory/factories/privateEndpointConnections",
        None,
    ),
];

/// The parameter types the page lists (compared without regard to case: its own sample
/// writes `secureString`).
const TYPES: &[&str] = &[
    "string",
    "securestring",
    "int",
    "bool",
    "object",
    "secureobject",
    "array",
];

/// Paths of Microsoft's default parameterization template (on the page) through properties
/// the catalog's schema snapshot lacks: accepted, with anything below them.
const DOCUMENTED_PATHS: &[(EntityKind, &str)] = &[(
    EntityKind::IntegrationRuntime,
    "properties/typeProperties/computeProperties/dataFlowProperties/externalComputeInfo",
)];

/// Whether a path names the custom parameterization file.
pub(crate) fn is_definition_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.eq_ignore_ascii_case(FILE_NAME)
}

/// Where a definition stands in the catalog: the shapes whose members its keys may name.
#[derive(Debug, Clone, Copy)]
enum Level {
    /// Keys are properties of this shape (or of any of its variants).
    Obj(ObjId),
    /// Keys are any member names of a map whose values have this shape.
    Map(ObjId),
    /// A shape the catalog leaves open (a type known only by name): any key may stand here.
    Any,
}

/// One definition object waiting to be checked.
struct Work<'t, 'a> {
    obj: &'t Object<'a>,
    /// The catalog shapes its keys are looked up in; `None` once the path cannot be followed
    /// (open shapes, `*` over shapes the catalog does not describe): then only the syntax is
    /// checked.
    levels: Option<Vec<Level>>,
    /// The entity kind and whether this is the resource's own level (where linked services and
    /// datasets take a type name or `*` as a key), for the path in messages.
    kind: EntityKind,
    entity_level: bool,
    path: String,
}

/// Checks a parsed `arm-template-parameters-definition.json`.
pub(crate) fn check(root: &Value<'_>, out: &mut Vec<Diagnostic>) {
    let Value::Object(root) = root else {
        let r = json::range(root);
        out.push(Diagnostic::new(
            &RULE,
            TextRange::new(r.start, r.start + 1),
            "the parameterization file is an object with one section per resource type, such \
             as `Microsoft.DataFactory/factories/pipelines`",
        ));
        return;
    };
    let cat = catalog();
    let mut work = Vec::new();
    for prop in json::live(root) {
        let key = json::name(prop);
        let range: TextRange = json::name_range(prop).into();
        let Some((_, kind)) = RESOURCE_TYPES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(key))
        else {
            let typos = suggest::typos(key, RESOURCE_TYPES.iter().map(|(t, _)| *t), 2);
            out.push(
                Diagnostic::new(
                    &RULE,
                    range,
                    format!(
                        "`{key}` is not a Data Factory resource type, so this section \
                         parameterizes nothing{}",
                        suggest::did_you_mean(&typos)
                    ),
                )
                .with_suggestion(&typos),
            );
            continue;
        };
        let Value::Object(section) = &prop.value else {
            not_a_definition(&prop.value, key, out);
            continue;
        };
        let Some(kind) = *kind else {
            // No catalog shape to follow: the syntax is still checked.
            work.push(Work {
                obj: section,
                levels: None,
                kind: EntityKind::Factory,
                entity_level: false,
                path: String::new(),
            });
            continue;
        };
        let levels = cat
            .entity(Dialect::V2, kind)
            .map(|e| vec![Level::Obj(e.root)]);
        work.push(Work {
            obj: section,
            levels,
            kind,
            entity_level: true,
            path: String::new(),
        });
    }
    while let Some(w) = work.pop() {
        check_object(cat, w, &mut work, out);
    }
}

/// Checks one definition object's keys and values, queueing nested objects.
fn check_object<'t, 'a>(
    cat: &Catalog,
    w: Work<'t, 'a>,
    work: &mut Vec<Work<'t, 'a>>,
    out: &mut Vec<Diagnostic>,
) {
    let type_names = if w.entity_level {
        cat.type_names(Dialect::V2, w.kind)
    } else {
        Vec::new()
    };
    for prop in json::live(w.obj) {
        let key = json::name(prop);
        let range: TextRange = json::name_range(prop).into();
        let path = if w.path.is_empty() {
            key.to_string()
        } else {
            format!("{}/{key}", w.path)
        };
        // At the resource's own level a key may name the entity's type (or `*`, any type):
        // its definitions apply to entities of that type (the page's linked service sample).
        let type_key = w.entity_level
            && (key == "*" || type_names.iter().any(|t| t.eq_ignore_ascii_case(key)))
            && !is_root_property(cat, w.levels.as_deref(), key);
        let (next, entity_level) = if type_key {
            (w.levels.clone(), false)
        } else {
            let documented = DOCUMENTED_PATHS
                .iter()
                .any(|(k, p)| *k == w.kind && p.eq_ignore_ascii_case(&path));
            let next = match &w.levels {
                Some(_) if documented => Some(vec![Level::Any]),
                Some(levels) => match lookup(cat, levels, key) {
                    Lookup::Found(next) => (!next.is_empty()).then_some(next),
                    Lookup::Open => {
                        if w.entity_level {
                            unknown_level_key(
                                cat,
                                w.levels.as_deref(),
                                key,
                                range,
                                w.kind,
                                &type_names,
                                out,
                            );
                        }
                        None
                    }
                    Lookup::Missing(known) => {
                        out.push(unknown_parameterized_property::diagnostic(
                            range,
                            key,
                            &w.path,
                            w.kind,
                            known.iter().map(String::as_str),
                        ));
                        None
                    }
                },
                None => None,
            };
            (next, false)
        };
        match &prop.value {
            Value::StringLit(s) => check_definition(s.value.as_ref(), s.range.into(), out),
            Value::Object(o) => work.push(Work {
                obj: o,
                levels: next,
                kind: w.kind,
                entity_level,
                path,
            }),
            Value::Array(a) => {
                // `[definition object, "name property"]`: the object applies to every element
                // of the array, the optional string names the element property that names the
                // parameters.
                for e in &a.elements {
                    match e {
                        Value::Object(o) => work.push(Work {
                            obj: o,
                            levels: next.clone(),
                            kind: w.kind,
                            entity_level: false,
                            path: path.clone(),
                        }),
                        Value::StringLit(_) => {}
                        other => not_a_definition(other, key, out),
                    }
                }
            }
            other => not_a_definition(other, key, out),
        }
    }
}

/// Whether `key` is a property of the resource's top-level shape itself (`properties`,
/// `location`), which wins over a type name of the same spelling.
fn is_root_property(cat: &Catalog, levels: Option<&[Level]>, key: &str) -> bool {
    levels.is_some_and(|levels| {
        levels.iter().any(|l| match l {
            Level::Obj(id) => cat
                .object(*id)
                .is_some_and(|d| schema_check::lookup(d, key).is_some()),
            Level::Map(_) | Level::Any => false,
        })
    })
}

/// A key at the resource's level that is neither one of its properties nor a known type: a
/// near miss of a property (`propertes`) or a type name is reported. Other names are left
/// alone: the resource's own level is open (an ARM resource has `apiVersion`, `dependsOn`...),
/// and the catalog may lag newer types.
fn unknown_level_key(
    cat: &Catalog,
    levels: Option<&[Level]>,
    key: &str,
    range: TextRange,
    kind: EntityKind,
    type_names: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let mut known: Vec<&str> = type_names.to_vec();
    for level in levels.unwrap_or_default() {
        if let Level::Obj(id) = level {
            if let Some(def) = cat.object(*id) {
                known.extend(def.properties.keys().map(String::as_str));
            }
        }
    }
    let typos = suggest::typos(key, known, 3);
    if typos.is_empty() {
        return;
    }
    out.push(unknown_parameterized_property::unknown_at_resource_level(
        range,
        key,
        kind,
        !type_names.is_empty(),
        &typos,
    ));
}

/// What a key names at some levels of the catalog.
enum Lookup {
    /// A property of one of the shapes (or `*`), with the levels below it (empty: the catalog
    /// does not describe its value).
    Found(Vec<Level>),
    /// Not a known property, but one of the shapes is open: anything may stand there.
    Open,
    /// No shape has it; the names they do have.
    Missing(Vec<String>),
}

/// The shapes a property's value takes.
fn levels_of(pd: &PropDef, into: &mut Vec<Level>) {
    if let Some(id) = pd.object {
        into.push(Level::Obj(id));
    }
    if let Some(id) = pd.items {
        into.push(Level::Obj(id));
    }
    if let Some(id) = pd.values {
        into.push(Level::Map(id));
    }
}

/// A shape and every variant of it, nested variants included (a key matches if any concrete
/// type has it).
fn with_variants(cat: &Catalog, id: ObjId) -> Vec<&adf_catalog::ObjectDef> {
    let mut out = Vec::new();
    let mut todo = vec![id];
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(def) = cat.object(id) {
            todo.extend(def.variants.values().copied());
            out.push(def);
        }
    }
    out
}

/// Looks `key` up in the shapes of a level (`*` matches every property).
fn lookup(cat: &Catalog, levels: &[Level], key: &str) -> Lookup {
    let mut next = Vec::new();
    let mut found = false;
    let mut open = false;
    let mut known = Vec::new();
    for level in levels {
        let id = match level {
            Level::Map(id) => {
                // Any member name of a map (a parameter, a global parameter).
                found = true;
                next.push(Level::Obj(*id));
                continue;
            }
            Level::Obj(id) => *id,
            Level::Any => {
                open = true;
                continue;
            }
        };
        for def in with_variants(cat, id) {
            if key == "*" {
                found = true;
                for pd in def.properties.values() {
                    levels_of(pd, &mut next);
                }
                if let Some(v) = def.values {
                    next.push(Level::Obj(v));
                }
                continue;
            }
            if let Some(pd) = schema_check::lookup(def, key) {
                found = true;
                levels_of(pd, &mut next);
            } else if let Some(v) = def.values {
                found = true;
                next.push(Level::Obj(v));
            } else if def.open {
                open = true;
            } else {
                known.extend(def.properties.keys().cloned());
            }
        }
    }
    if found {
        // A key found in one shape but unknown to an open one is followed where it is known, and
        // below it any name is accepted (the open shape could hold it).
        if open {
            next.push(Level::Any);
        }
        let order = |l: &Level| match l {
            Level::Obj(id) => (0, *id),
            Level::Map(id) => (1, *id),
            Level::Any => (2, 0),
        };
        next.sort_by_key(order);
        next.dedup_by_key(|l| order(l));
        Lookup::Found(next)
    } else if open {
        Lookup::Open
    } else {
        known.sort();
        known.dedup();
        Lookup::Missing(known)
    }
}

/// Checks one definition string, `<action>:<name>:<stype>`.
fn check_definition(text: &str, range: TextRange, out: &mut Vec<Diagnostic>) {
    let parts: Vec<&str> = text.split(':').collect();
    let action = parts.first().map_or("", |a| a.trim());
    if !matches!(action, "=" | "-" | "|") {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{text}` is not a parameter definition: it starts with the action `=` (keep \
                 the current value as default), `-` (no default) or `|` (Key Vault secret), \
                 followed by optional `:<name>:<type>`"
            ),
        ));
        return;
    }
    if parts.len() > 3 {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{text}` has more than three `:`-separated parts; a parameter definition is \
                 `<action>:<name>:<type>`"
            ),
        ));
        return;
    }
    if let Some(t) = parts.get(2).map(|t| t.trim()) {
        if !t.is_empty() && !TYPES.iter().any(|k| k.eq_ignore_ascii_case(t)) {
            let typos = suggest::typos(t, TYPES.iter().copied(), 3);
            let hint = if typos.is_empty() {
                format!("; use one of {}", TYPES.join(", "))
            } else {
                suggest::did_you_mean(&typos)
            };
            out.push(Diagnostic::new(
                &RULE,
                range,
                format!("`{t}` is not a parameter type{hint}"),
            ));
        }
    }
}

/// A value that is neither a definition string nor an object or array of definitions.
fn not_a_definition(value: &Value<'_>, key: &str, out: &mut Vec<Diagnostic>) {
    out.push(Diagnostic::new(
        &RULE,
        json::range(value).into(),
        format!(
            "the value of `{key}` is not a definition: write a string `<action>:<name>:<type>` \
             (such as \"=\"), or an object or array of further definitions"
        ),
    ));
}

/// What a definition key's value is, for the editor's completion: a nested object, an array
/// of one definition object, or a definition string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The property holds an object in the entity: its definition is an object of paths.
    Object,
    /// The property holds an array of objects: its definition is `[{...}]`.
    Array,
    /// A value to parameterize: a definition string.
    Leaf,
}

/// The resource types a section may name (for completion).
pub(crate) fn resource_types() -> impl Iterator<Item = (&'static str, Option<EntityKind>)> {
    RESOURCE_TYPES.iter().copied()
}

/// The entity kind whose properties a section's paths follow.
pub(crate) fn section_kind(resource_type: &str) -> Option<EntityKind> {
    RESOURCE_TYPES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(resource_type))
        .and_then(|(_, k)| *k)
}

/// The names a key may take under the path `keys` (the resource type first, then the keys of
/// the nested definition objects), with what each holds; empty where the catalog cannot follow
/// the path. At the resource's own level, type names are offered too.
pub(crate) fn names_at(keys: &[&str]) -> Vec<(String, Slot)> {
    let cat = catalog();
    let Some((first, rest)) = keys.split_first() else {
        return Vec::new();
    };
    let Some(kind) = section_kind(first) else {
        return Vec::new();
    };
    let Some(entity) = cat.entity(Dialect::V2, kind) else {
        return Vec::new();
    };
    let mut levels = vec![Level::Obj(entity.root)];
    let mut entity_level = true;
    for key in rest {
        if entity_level {
            entity_level = false;
            let typed = *key == "*"
                || cat
                    .type_names(Dialect::V2, kind)
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(key));
            if typed && !is_root_property(cat, Some(&levels), key) {
                continue;
            }
        }
        match lookup(cat, &levels, key) {
            Lookup::Found(next) if !next.is_empty() => levels = next,
            _ => return Vec::new(),
        }
    }
    let mut out: Vec<(String, Slot)> = Vec::new();
    for level in &levels {
        let Level::Obj(id) = level else { continue };
        for def in with_variants(cat, *id) {
            for (name, pd) in &def.properties {
                let slot = if pd.items.is_some() {
                    Slot::Array
                } else if pd.object.is_some() || pd.values.is_some() {
                    Slot::Object
                } else {
                    Slot::Leaf
                };
                out.push((name.clone(), slot));
            }
        }
    }
    if entity_level {
        out.extend(
            cat.type_names(Dialect::V2, kind)
                .into_iter()
                .map(|t| (t.to_string(), Slot::Object)),
        );
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Markdown that reads a definition string (`|:-connectionString:secureString`) back: what its
/// action, name and type mean; `None` for a string that is no definition.
pub(crate) fn describe_definition(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    let action = match parts.first()?.trim() {
        "=" => "keep the current value as the parameter's default",
        "-" => "no default: the value is a mandatory input of the deployment",
        "|" => "a Key Vault secret (connection strings, keys)",
        _ => return None,
    };
    let mut md = format!("**parameter definition** `{text}`\n\n- action: {action}");
    let name = parts.get(1).map_or("", |n| n.trim());
    if name.is_empty() {
        md.push_str("\n- name: the property's own (`<entity>_properties_..._<property>`)");
    } else if let Some(short) = name.strip_prefix('-') {
        md.push_str(&format!(
            "\n- name: shortened, `<entity>_{short}` (the `-` drops the property path)"
        ));
    } else {
        md.push_str(&format!("\n- name: suffixed, `<entity>_..._{name}`"));
    }
    let ty = parts.get(2).map_or("", |t| t.trim());
    if ty.is_empty() {
        md.push_str("\n- type: `string` (the default)");
    } else {
        md.push_str(&format!("\n- type: `{ty}`"));
    }
    Some(md)
}
