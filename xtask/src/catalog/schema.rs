//! Turning Microsoft's JSON Schemas into catalog object shapes.
//!
//! One [`Builder`] collects the objects of both dialects. Each schema definition becomes exactly
//! one [`ObjectDef`] (memoised by dialect and name, so every `$ref` to it shares the id and
//! recursive shapes such as Activity → ForEach → activities → Activity terminate); inline objects
//! (v2 union variants, v1 `typeProperties`, inline maps) get their own.
//!
//! The two snapshots express polymorphism differently:
//! - v2: a definition with `properties` (the common part) and `oneOf` of inline objects, each
//!   fixing the discriminator with a one-value `enum` (usually `type`, sometimes
//!   `authenticationType` / `authorizationType`).
//! - v1: a `*Types` definition `allOf: [{$ref base}, {oneOf: [{$ref variant}...]}]` whose
//!   `required` covers the merged shape; each variant definition fixes `type` with a one-value enum.

use super::describe::{self, TIMESPAN_PATTERN};
use adf_catalog::{Dialect, JsonType, ObjId, ObjectDef, PropDef};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The `$ref` that means "an ARM template expression may stand here": not an ADF expression,
/// so it is dropped from every `oneOf` before the real alternatives are read.
const ARM_EXPRESSION_REF: &str =
    "https://schema.management.azure.com/schemas/common/definitions.json#/definitions/expression";

/// v1's date-time values point at the ARM deployment template's `UTC` definition.
const ARM_UTC_REF_SUFFIX: &str = "deploymentTemplate.json#/definitions/UTC";

/// v1 has no SecretBase: these property names hold credentials (plain strings in v1 files), so
/// they are marked secret by name. `encryptedCredential` is deliberately absent: it is ciphertext
/// produced by the gateway tooling and safe to commit.
const V1_SECRET_NAMES: &[&str] = &[
    "password",
    "connectionString",
    "apiKey",
    "accessKey",
    "sasUri",
    "securityToken",
    "sshPassword",
    "servicePrincipalKey",
    "authorization",
];

/// One schema file being read.
pub struct Schema<'a> {
    pub dialect: Dialect,
    pub defs: &'a Map<String, Value>,
}

/// Collects object shapes; ids are indexes into `objects`.
#[derive(Default)]
pub struct Builder {
    pub objects: Vec<ObjectDef>,
    /// The dialect each object belongs to (for the coverage report).
    pub dialects: Vec<Dialect>,
    /// Properties whose JSON type came from description prose, as (object name, property).
    pub prose_typed: Vec<(String, String)>,
    memo: HashMap<(Dialect, String), ObjId>,
}

impl Builder {
    /// Reserve a new object and return its id.
    pub fn alloc(&mut self, dialect: Dialect, obj: ObjectDef) -> ObjId {
        let id = ObjId::try_from(self.objects.len()).unwrap_or(ObjId::MAX);
        self.objects.push(obj);
        self.dialects.push(dialect);
        id
    }

    /// The id of an already generated definition (used by the overlay and the entity table).
    pub fn lookup(&self, dialect: Dialect, name: &str) -> Option<ObjId> {
        self.memo.get(&(dialect, name.to_string())).copied()
    }

    /// Mutable access to an object by id.
    pub fn obj_mut(&mut self, id: ObjId) -> &mut ObjectDef {
        &mut self.objects[id as usize]
    }

    /// The object for a schema definition, generated on first use.
    pub fn def_id(&mut self, s: &Schema, name: &str) -> Option<ObjId> {
        if let Some(id) = self.lookup(s.dialect, name) {
            return Some(id);
        }
        let def = s.defs.get(name)?;
        if !is_object_like(def) {
            return None;
        }
        // Reserve the id before descending so self-references resolve to it.
        let id = self.alloc(s.dialect, ObjectDef::default());
        self.memo.insert((s.dialect, name.to_string()), id);
        let obj = self.object_from(s, def, name);
        self.objects[id as usize] = obj;
        Some(id)
    }

    /// Build the shape an object schema (definition or inline) describes.
    fn object_from(&mut self, s: &Schema, schema: &Value, name: &str) -> ObjectDef {
        let mut obj = ObjectDef {
            name: name.to_string(),
            ..ObjectDef::default()
        };
        self.add_properties(s, schema, name, &mut obj);
        obj.required = string_list(schema.get("required"));

        let mut variant_schemas: Vec<VariantSource> = Vec::new();
        if let Some(alts) = schema.get("oneOf").and_then(Value::as_array) {
            variant_schemas.extend(alts.iter().map(VariantSource::Inline));
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for part in parts {
                if let Some(target) = local_ref(part).and_then(|r| s.defs.get(r)) {
                    // The base of a v1 union: its properties are the common part.
                    self.add_properties(s, target, name, &mut obj);
                } else if let Some(alts) = part.get("oneOf").and_then(Value::as_array) {
                    variant_schemas.extend(alts.iter().map(VariantSource::Ref));
                }
            }
        }

        if variant_schemas.is_empty() {
            // Closed unless the object has no named properties at all: then it is a free-form
            // bag (e.g. `runDimensions`, ManagedVirtualNetwork) or a map with a value shape.
            let extra = schema.get("additionalProperties");
            obj.values = extra.and_then(|v| self.object_of(s, v, &format!("{name}.*")));
            obj.open = obj.properties.is_empty() || obj.values.is_some();
        } else {
            // A union's common part is closed: the variants supply the other names.
            obj.open = false;
            self.add_variants(s, &mut obj, &variant_schemas);
        }
        obj
    }

    fn add_properties(&mut self, s: &Schema, schema: &Value, name: &str, obj: &mut ObjectDef) {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for key in sorted_keys(props) {
            let pd = self.prop_def(s, key, &props[key], &format!("{name}.{key}"));
            obj.properties.insert(key.clone(), pd);
        }
    }

    fn add_variants(&mut self, s: &Schema, obj: &mut ObjectDef, sources: &[VariantSource]) {
        let schemas: Vec<(&Value, Option<&str>)> = sources
            .iter()
            .filter_map(|src| match src {
                VariantSource::Inline(v) => Some((*v, None)),
                VariantSource::Ref(v) => {
                    let name = local_ref(v)?;
                    s.defs.get(name).map(|d| (d, Some(name)))
                }
            })
            .collect();
        let Some(disc) = discriminator(schemas.iter().map(|(v, _)| *v)) else {
            return;
        };
        for (variant, def_name) in schemas {
            let Some(value) = single_enum(variant, &disc) else {
                continue;
            };
            let id = match def_name {
                Some(def_name) => self.def_id(s, def_name),
                None => {
                    let name = format!("{}:{value}", obj.name);
                    let shape = self.object_from(s, variant, &name);
                    Some(self.alloc(s.dialect, shape))
                }
            };
            if let Some(id) = id {
                obj.variants.insert(value, id);
            }
        }
        // The discriminator is known in the common part too (as a plain string), so it is never
        // reported as unknown even when the value names no variant.
        obj.properties
            .entry(disc.clone())
            .or_insert_with(|| PropDef {
                types: vec![JsonType::String],
                ..PropDef::default()
            });
        obj.discriminator = Some(disc);
    }

    /// The facts about one property.
    pub fn prop_def(&mut self, s: &Schema, key: &str, p: &Value, ctx: &str) -> PropDef {
        let mut pd = PropDef::default();
        let alts: Vec<&Value> = match p.get("oneOf").and_then(Value::as_array) {
            Some(alts) => alts.iter().filter(|a| !is_arm_expression(a)).collect(),
            None => vec![p],
        };
        for alt in alts {
            self.apply_alt(s, alt, ctx, &mut pd);
        }
        if s.dialect == Dialect::V2 {
            if let Some(desc) = p.get("description").and_then(Value::as_str) {
                let typed_before = !pd.types.is_empty();
                self.apply_description(s, desc, &mut pd);
                if !typed_before && !pd.types.is_empty() {
                    let owner = ctx.strip_suffix(&format!(".{key}")).unwrap_or(ctx);
                    self.prose_typed.push((owner.to_string(), key.to_string()));
                }
            }
        } else if V1_SECRET_NAMES.contains(&key) {
            pd.secret = true;
        }
        pd.types.sort();
        pd.types.dedup();
        pd
    }

    /// Fold one `oneOf` alternative (or the whole property schema) into `pd`.
    fn apply_alt(&mut self, s: &Schema, a: &Value, ctx: &str, pd: &mut PropDef) {
        if let Some(r) = a.get("$ref").and_then(Value::as_str) {
            if r.ends_with(ARM_UTC_REF_SUFFIX) {
                pd.types.push(JsonType::String);
                pd.format = Some("date-time".into());
                return;
            }
            let Some(name) = r.strip_prefix("#/definitions/") else {
                return;
            };
            match (s.dialect, name) {
                (Dialect::V2, "SecretBase" | "SecureString" | "AzureKeyVaultSecretReference") => {
                    mark_secret(pd);
                    pd.object = self.def_id(s, "SecretBase").or(pd.object);
                    return;
                }
                (Dialect::V2, "Expression") => {
                    pd.expression = true;
                }
                _ => {}
            }
            match s.defs.get(name) {
                Some(def) if is_object_like(def) => {
                    pd.types.push(JsonType::Object);
                    pd.object = self.def_id(s, name);
                }
                // v1 names its enums as definitions ({type: string, enum: [...]}): inline them.
                Some(def) => self.apply_alt(s, def, ctx, pd),
                None => {}
            }
            return;
        }
        for ty in json_types(a.get("type")) {
            pd.types.push(ty);
        }
        if let Some(values) = a.get("enum").and_then(Value::as_array) {
            pd.enum_values.extend(values.iter().map(enum_text));
            if pd.types.is_empty() && values.iter().all(Value::is_string) {
                pd.types.push(JsonType::String);
            }
        }
        if let Some(pattern) = a.get("pattern").and_then(Value::as_str) {
            pd.pattern = Some(pattern.to_string());
            if pattern.contains(TIMESPAN_PATTERN) {
                pd.timespan = true;
            }
        }
        if a.get("format").and_then(Value::as_str) == Some("date-time") {
            pd.format = Some("date-time".into());
        }
        if let Some(items) = a.get("items") {
            if pd.types.is_empty() {
                pd.types.push(JsonType::Array);
            }
            pd.items = self.object_of(s, items, &format!("{ctx}[]")).or(pd.items);
        }
        let has_props = a
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        if has_props || a.get("additionalProperties").is_some() {
            if pd.types.is_empty() {
                pd.types.push(JsonType::Object);
            }
            if has_props {
                let shape = self.object_from(s, a, ctx);
                pd.object = Some(self.alloc(s.dialect, shape));
            } else if let Some(extra) = a.get("additionalProperties") {
                pd.values = self.object_of(s, extra, &format!("{ctx}.*"));
            }
        }
    }

    /// The object shape a schema stands for, if it describes objects with something to check.
    fn object_of(&mut self, s: &Schema, schema: &Value, ctx: &str) -> Option<ObjId> {
        if let Some(name) = local_ref(schema) {
            return self.def_id(s, name);
        }
        let has_props = schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        let nested_map = schema
            .get("additionalProperties")
            .is_some_and(|v| local_ref(v).is_some() || v.get("additionalProperties").is_some());
        if has_props || schema.get("oneOf").is_some() || nested_map {
            let shape = self.object_from(s, schema, ctx);
            return Some(self.alloc(s.dialect, shape));
        }
        // `{}`, `{"type": "string"}`, free-form objects: nothing to check inside.
        None
    }

    fn apply_description(&mut self, s: &Schema, desc: &str, pd: &mut PropDef) {
        let facts = describe::parse(desc);
        pd.expression |= facts.expression;
        if pd.types.is_empty() {
            pd.types = facts.types;
        }
        if facts.secret {
            mark_secret(pd);
            if pd.object.is_none() {
                pd.object = self.def_id(s, "SecretBase");
            }
        }
        if pd.pattern.is_none() {
            if let Some(p) = facts.pattern {
                pd.timespan |= p == TIMESPAN_PATTERN;
                pd.pattern = Some(p);
            }
        }
        if let Some(item) = facts.item_def {
            if pd.types.contains(&JsonType::Array) && pd.items.is_none() {
                pd.items = self.def_id(s, &item);
            } else if pd.types.contains(&JsonType::Object) && pd.values.is_none() {
                pd.values = self.def_id(s, &item);
            }
        }
    }
}

/// Where a union's variant comes from.
enum VariantSource<'a> {
    /// v2: an inline object in the definition's `oneOf`.
    Inline(&'a Value),
    /// v1: a `$ref` to a variant definition.
    Ref(&'a Value),
}

/// A secret accepts the SecretBase object forms and a plain string.
fn mark_secret(pd: &mut PropDef) {
    pd.secret = true;
    pd.types.push(JsonType::String);
    pd.types.push(JsonType::Object);
}

/// The property every variant fixes to a single enum value; `type` when it qualifies.
fn discriminator<'a>(variants: impl Iterator<Item = &'a Value> + Clone) -> Option<String> {
    let first = variants.clone().next()?;
    let candidates: Vec<&String> = first
        .get("properties")
        .and_then(Value::as_object)
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    let qualifies = |key: &str| variants.clone().all(|v| single_enum(v, key).is_some());
    if qualifies("type") {
        return Some("type".into());
    }
    candidates
        .into_iter()
        .find(|k| qualifies(k))
        .map(|k| k.to_string())
}

/// The one enum value a variant gives its discriminator.
fn single_enum(variant: &Value, key: &str) -> Option<String> {
    let values = variant
        .get("properties")?
        .get(key)?
        .get("enum")?
        .as_array()?;
    match values.as_slice() {
        [only] => only.as_str().map(str::to_string),
        _ => None,
    }
}

fn is_object_like(def: &Value) -> bool {
    def.get("properties").is_some()
        || def.get("oneOf").is_some()
        || def.get("allOf").is_some()
        || def.get("type").and_then(Value::as_str) == Some("object")
}

fn is_arm_expression(v: &Value) -> bool {
    v.get("$ref").and_then(Value::as_str) == Some(ARM_EXPRESSION_REF)
}

fn local_ref(v: &Value) -> Option<&str> {
    v.get("$ref")?.as_str()?.strip_prefix("#/definitions/")
}

fn json_types(v: Option<&Value>) -> Vec<JsonType> {
    let one = |s: &str| match s {
        "string" => Some(JsonType::String),
        "number" => Some(JsonType::Number),
        "integer" => Some(JsonType::Integer),
        "boolean" => Some(JsonType::Boolean),
        "object" => Some(JsonType::Object),
        "array" => Some(JsonType::Array),
        "null" => Some(JsonType::Null),
        _ => None,
    };
    match v {
        Some(Value::String(s)) => one(s).into_iter().collect(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).filter_map(one).collect(),
        _ => Vec::new(),
    }
}

fn enum_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

/// Keys in sorted order, whatever map ordering serde_json was built with, so ids are stable.
pub fn sorted_keys(m: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort();
    keys
}

/// Property lookup helper for the entity table: a plain string property.
pub fn string_prop() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        ..PropDef::default()
    }
}

/// A root-level object property pointing at `id`.
pub fn object_prop(id: ObjId) -> PropDef {
    PropDef {
        types: vec![JsonType::Object],
        object: Some(id),
        ..PropDef::default()
    }
}

/// Build a small hand-written object (entity roots).
pub fn shape(name: &str, props: Vec<(&str, PropDef)>, required: &[&str], open: bool) -> ObjectDef {
    ObjectDef {
        name: name.to_string(),
        properties: props
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<_, _>>(),
        required: required.iter().map(|s| s.to_string()).collect(),
        open,
        ..ObjectDef::default()
    }
}
