//! The entity table: where each (dialect, kind) starts in the object graph.
//!
//! Entity `properties` come from the schemas (v2 `resourceDefinitions`, v1 `*Types` definitions);
//! the file roots are hand-written because no schema describes the git/legacy file layout: ADF
//! Studio's git files are `{"name", "properties", "type"?, "etag"?}`, v1 project files are
//! `{"name", "properties", "$schema"?}`. Roots are open: ARM-isms and tooling fields
//! (`apiVersion`, `dependsOn`, `etag`, ...) show up at that level and are no authoring mistake.

use super::schema::{object_prop, shape, string_prop, Builder, Schema};
use adf_catalog::{Dialect, EntityDef, EntityKind, JsonType, ObjId, ObjectDef, PropDef};
use serde_json::Value;

/// v2 kinds and the resource definition that describes each.
const V2_RESOURCES: &[(EntityKind, &str)] = &[
    (EntityKind::LinkedService, "factories_linkedservices"),
    (EntityKind::Dataset, "factories_datasets"),
    (EntityKind::Pipeline, "factories_pipelines"),
    (EntityKind::Trigger, "factories_triggers"),
    (EntityKind::DataFlow, "factories_dataflows"),
    (
        EntityKind::IntegrationRuntime,
        "factories_integrationRuntimes",
    ),
    (EntityKind::Credential, "factories_credentials"),
    (
        EntityKind::ManagedVirtualNetwork,
        "factories_managedVirtualNetworks",
    ),
    (
        EntityKind::ManagedPrivateEndpoint,
        "factories_managedVirtualNetworks_managedPrivateEndpoints",
    ),
    (EntityKind::ChangeDataCapture, "factories_adfcdcs"),
    (EntityKind::Factory, "factories"),
    (EntityKind::GlobalParameters, "factories_globalParameters"),
];

/// v1 kinds and the definition of their `properties`.
const V1_DEFINITIONS: &[(EntityKind, &str)] = &[
    (EntityKind::LinkedService, "linkedServicePropertiesTypes"),
    (EntityKind::Dataset, "datasetPropertiesTypes"),
    (EntityKind::Pipeline, "pipelineProperties"),
    (EntityKind::Activity, "activityTypes"),
];

fn defs_of(schema: &Value) -> Result<&serde_json::Map<String, Value>, String> {
    schema
        .get("definitions")
        .and_then(Value::as_object)
        .ok_or_else(|| "schema has no `definitions`".to_string())
}

pub fn v2(b: &mut Builder, schema: &Value) -> Result<Vec<EntityDef>, String> {
    let s = Schema {
        dialect: Dialect::V2,
        defs: defs_of(schema)?,
    };
    let resources = schema
        .get("resourceDefinitions")
        .and_then(Value::as_object)
        .ok_or("v2 schema has no `resourceDefinitions`")?;
    let mut out = Vec::new();
    for (kind, res_name) in V2_RESOURCES {
        let res = resources
            .get(*res_name)
            .ok_or_else(|| format!("v2 schema lacks resource {res_name}"))?;
        let res_props = res.get("properties").unwrap_or(&Value::Null);
        let p = res_props
            .get("properties")
            .ok_or_else(|| format!("{res_name} has no `properties`"))?;
        let label = kind_label(*kind);
        let pd = b.prop_def(&s, "properties", p, &format!("{label}Properties"));
        let props = match (pd.object, pd.values) {
            (Some(id), _) => id,
            // A map (global parameters): an open object whose members all share one shape.
            (None, values) => b.alloc(
                Dialect::V2,
                ObjectDef {
                    name: format!("{label}Properties"),
                    open: true,
                    values,
                    ..ObjectDef::default()
                },
            ),
        };
        let root = match kind {
            // The global parameters file is the map itself.
            EntityKind::GlobalParameters => props,
            EntityKind::Factory => {
                let mut fields = vec![("name", string_prop()), ("properties", object_prop(props))];
                for extra in ["location", "identity", "tags"] {
                    if let Some(v) = res_props.get(extra) {
                        fields.push((extra, b.prop_def(&s, extra, v, &format!("Factory.{extra}"))));
                    }
                }
                let obj = shape("FactoryFile", fields, &["name"], true);
                b.alloc(Dialect::V2, obj)
            }
            _ => v2_root(b, &label, props),
        };
        out.push(EntityDef {
            dialect: Dialect::V2,
            kind: *kind,
            root,
            properties: props,
        });
    }
    // Activities are no resource of their own: root and properties are the Activity union.
    let activity = b
        .def_id(&s, "Activity")
        .ok_or("v2 schema lacks the Activity definition")?;
    out.insert(
        3,
        EntityDef {
            dialect: Dialect::V2,
            kind: EntityKind::Activity,
            root: activity,
            properties: activity,
        },
    );
    Ok(out)
}

fn v2_root(b: &mut Builder, label: &str, props: ObjId) -> ObjId {
    let obj = shape(
        &format!("{label}File"),
        vec![
            ("name", string_prop()),
            ("properties", object_prop(props)),
            ("type", string_prop()),
            ("etag", string_prop()),
            ("id", string_prop()),
        ],
        &["name", "properties"],
        true,
    );
    b.alloc(Dialect::V2, obj)
}

pub fn v1(b: &mut Builder, schema: &Value) -> Result<Vec<EntityDef>, String> {
    let s = Schema {
        dialect: Dialect::V1,
        defs: defs_of(schema)?,
    };
    let mut out = Vec::new();
    for (kind, def) in V1_DEFINITIONS {
        let props = b
            .def_id(&s, def)
            .ok_or_else(|| format!("v1 schema lacks {def}"))?;
        let root = if *kind == EntityKind::Activity {
            props
        } else {
            let obj = shape(
                &format!("{}File", kind_label(*kind)),
                vec![
                    ("name", string_prop()),
                    ("properties", object_prop(props)),
                    (
                        "$schema",
                        PropDef {
                            types: vec![JsonType::String],
                            ..PropDef::default()
                        },
                    ),
                ],
                &["name", "properties"],
                true,
            );
            b.alloc(Dialect::V1, obj)
        };
        out.push(EntityDef {
            dialect: Dialect::V1,
            kind: *kind,
            root,
            properties: props,
        });
    }
    Ok(out)
}

/// `LinkedService`, `DataFlow`, ... for object names.
fn kind_label(kind: EntityKind) -> String {
    let camel = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut chars = camel.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
