//! Additions and corrections applied after generation.
//!
//! The schemas are a snapshot and miss things real factories carry. Every entry below names its
//! source: a Microsoft Learn page, or a file in ../shared/corpus or ../shared/examples that proves
//! the value real. Types known only from here are open (no unknown-property findings), because we
//! know they exist but not their full shape. Nothing goes in without a source.

use super::schema::Builder;
use adf_catalog::{Dialect, JsonType, ObjId, ObjectDef, PropDef};

/// Parameter type spellings ADF Studio writes (lower case) next to the schema's `String`, `Int`, ...
const STUDIO_PARAMETER_TYPES: &[&str] = &[
    "string",
    "int",
    "float",
    "bool",
    "array",
    "object",
    "securestring",
];

pub fn apply(b: &mut Builder) -> Result<(), String> {
    let mut o = Overlay { b };

    // Source: Microsoft Learn "Updating ML Studio (classic) models using Update Resource Activity"
    // (v1, data-factory-azure-ml-update-resource-activity), as stored in
    // shared/corpus/v1/docs-snippets/data-factory-azure-ml-update-resource-activity/ and used by
    // shared/examples/ml-retraining-v1-variants/AzureMLLinkedService-arm.json: an AzureML linked
    // service whose updateResourceEndpoint is an ARM (management.azure.com) endpoint also carries
    // servicePrincipalId, servicePrincipalKey and tenant.
    let aml = o.named(Dialect::V1, "azureMLLinkedService.typeProperties")?;
    o.add(aml, "servicePrincipalId", string());
    o.add(aml, "servicePrincipalKey", secret_string());
    o.add(aml, "tenant", string());

    // Source: ADF Studio writes parameter types in lower case, e.g.
    // shared/corpus/v2/procfwk-datafactory/pipeline/*.json ("type": "string"),
    // shared/corpus/v2/adftools-bigfactorysample2/factory/BigFactorySample2.json (global
    // parameters "int", "float", "bool", "object", "array"). ParameterSpecification serves pipeline,
    // dataset, linked service and data flow parameters.
    for def in ["ParameterSpecification", "GlobalParameterSpecification"] {
        let id = o.def(Dialect::V2, def)?;
        o.extend_enum(id, "type", STUDIO_PARAMETER_TYPES)?;
    }

    // Source: ADF Studio writes a schedule trigger's startTime without offset next to `timeZone`,
    // e.g. shared/corpus/v2/adftools-bigfactorysample2/trigger/*.json; Microsoft Learn "Create a
    // trigger that runs a pipeline on a schedule" documents the local-time form with timeZone.
    let rec = o.def(Dialect::V2, "ScheduleTriggerRecurrence")?;
    o.set_format(rec, "startTime", "date-time-local")?;
    o.set_format(rec, "endTime", "date-time-local")?;

    Ok(())
}

struct Overlay<'a> {
    b: &'a mut Builder,
}

impl Overlay<'_> {
    /// A schema definition by name.
    fn def(&self, dialect: Dialect, name: &str) -> Result<ObjId, String> {
        self.b
            .lookup(dialect, name)
            .ok_or_else(|| format!("overlay: no definition {name} ({dialect:?})"))
    }

    /// Any object (inline ones included) by its generated name.
    fn named(&self, dialect: Dialect, name: &str) -> Result<ObjId, String> {
        self.b
            .objects
            .iter()
            .zip(&self.b.dialects)
            .position(|(o, d)| o.name == name && *d == dialect)
            .and_then(|i| ObjId::try_from(i).ok())
            .ok_or_else(|| format!("overlay: no object named {name} ({dialect:?})"))
    }

    /// Add a property unless the schema already has it.
    fn add(&mut self, id: ObjId, prop: &str, def: PropDef) {
        self.b
            .obj_mut(id)
            .properties
            .entry(prop.to_string())
            .or_insert(def);
    }

    fn extend_enum(&mut self, id: ObjId, prop: &str, values: &[&str]) -> Result<(), String> {
        let obj = self.b.obj_mut(id);
        let name = obj.name.clone();
        let p = obj
            .properties
            .get_mut(prop)
            .ok_or_else(|| format!("overlay: {name} has no property {prop}"))?;
        for v in values {
            if !p.enum_values.iter().any(|e| e == v) {
                p.enum_values.push((*v).to_string());
            }
        }
        Ok(())
    }

    fn set_format(&mut self, id: ObjId, prop: &str, format: &str) -> Result<(), String> {
        let obj = self.b.obj_mut(id);
        let name = obj.name.clone();
        let p = obj
            .properties
            .get_mut(prop)
            .ok_or_else(|| format!("overlay: {name} has no property {prop}"))?;
        p.format = Some(format.to_string());
        Ok(())
    }

    /// A variant known only from real files: open, with the discriminator fixed.
    #[allow(dead_code)]
    fn add_variant(&mut self, dialect: Dialect, union: ObjId, value: &str) -> Result<(), String> {
        let union_name = self.b.obj_mut(union).name.clone();
        if self.b.obj_mut(union).variants.contains_key(value) {
            return Err(format!("overlay: {union_name} already has {value}"));
        }
        let mut props = std::collections::BTreeMap::new();
        props.insert(
            "type".to_string(),
            PropDef {
                types: vec![JsonType::String],
                enum_values: vec![value.to_string()],
                ..PropDef::default()
            },
        );
        let id = self.b.alloc(
            dialect,
            ObjectDef {
                name: format!("{union_name}:{value}"),
                properties: props,
                open: true,
                ..ObjectDef::default()
            },
        );
        self.b.obj_mut(union).variants.insert(value.to_string(), id);
        Ok(())
    }
}

fn string() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        ..PropDef::default()
    }
}

/// v1 credentials are plain strings (v1 has no SecretBase).
fn secret_string() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        secret: true,
        ..PropDef::default()
    }
}
