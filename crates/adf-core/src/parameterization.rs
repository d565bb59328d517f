//! Data Factory's custom parameterization file, `arm-template-parameters-definition.json`: its
//! name, the resource types its sections name, the parameter types, and the walk of its key
//! paths through the catalog. The `invalid-parameterization` and
//! `unknown-parameterized-property` rules and the editor's hover and completion share it.
//!
//! Source of the grammar: Microsoft's page on custom parameters,
//! <https://learn.microsoft.com/en-us/azure/data-factory/continuous-integration-delivery-resource-manager-custom-parameters>.

use crate::schema_check;
use adf_catalog::{catalog, Catalog, Dialect, EntityKind, ObjId, PropDef};

/// The file name Data Factory reads its custom parameterization from (the page says that exact
/// name; Synapse's `template-parameters-definition.json` is not checked).
const FILE_NAME: &str = "arm-template-parameters-definition.json";

/// The resource types a section may name: those of Microsoft's page, and the other Data
/// Factory child resources an ARM export holds (managed virtual networks, change data capture,
/// private endpoint connections), with the entity kind whose properties the paths follow.
pub(crate) const RESOURCE_TYPES: &[(&str, Option<EntityKind>)] = &[
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
pub(crate) const TYPES: &[&str] = &[
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
pub(crate) const DOCUMENTED_PATHS: &[(EntityKind, &str)] = &[(
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
pub(crate) enum Level {
    /// Keys are properties of this shape (or of any of its variants).
    Obj(ObjId),
    /// Keys are any member names of a map whose values have this shape.
    Map(ObjId),
    /// A shape the catalog leaves open (a type known only by name): any key may stand here.
    Any,
}

/// Whether `key` is a property of the resource's top-level shape itself (`properties`,
/// `location`), which wins over a type name of the same spelling.
pub(crate) fn is_root_property(cat: &Catalog, levels: Option<&[Level]>, key: &str) -> bool {
    levels.is_some_and(|levels| {
        levels.iter().any(|l| match l {
            Level::Obj(id) => cat
                .object(*id)
                .is_some_and(|d| schema_check::lookup(d, key).is_some()),
            Level::Map(_) | Level::Any => false,
        })
    })
}

/// What a key names at some levels of the catalog.
pub(crate) enum Lookup {
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
pub(crate) fn lookup(cat: &Catalog, levels: &[Level], key: &str) -> Lookup {
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
