//! `cargo xtask catalog-audit`: hold every JSON type the generator read from description prose
//! against real files.
//!
//! About half of the v2 properties get their type from prose ("Type: string (or Expression with
//! resultType string)"), and the prose is wrong in places: ADF Studio writes some of those
//! properties as objects. This walks every entity file and ARM template resource of
//! ../shared/corpus and ../shared/corpus-extra along the generated catalog's shapes and counts,
//! for each prose-typed property, the literal values of a JSON type the catalog does not accept.
//! Computed values (ADF and ARM expressions) and nulls are never counted. The report goes into
//! docs/catalog.md; each property it lists is fixed in the overlay with its source.

use super::{generate_with_prose, read_schemas, workspace_root};
use adf_catalog::{Catalog, Dialect, JsonType, ObjId, ObjectDef, PropDef};
use adf_core::classify::{classify, DialectEvidence, FileKind};
use adf_core::{json, values};
use adf_syntax::ast::{Object, Value};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask catalog-audit".into());
    }
    let root = workspace_root();
    let shared = root.join("../shared");
    let (v1, v2) = read_schemas(&shared.join("adf-schemas"))?;
    let (catalog, _, prose) = generate_with_prose(&v1, &v2)?;
    let folders = ["corpus", "corpus-extra"];
    let mut audit = Audit::new(&catalog, &prose);
    for folder in folders {
        let dir = shared.join(folder);
        let mut files = adf_e2e::json_files(&dir);
        files.sort();
        for rel in files {
            let path = dir.join(&rel);
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            audit.file(&format!("{folder}/{rel}"), &text);
        }
    }
    print!("{}", audit.report(&folders));
    Ok(())
}

/// What was seen of one prose-typed property.
#[derive(Default)]
struct Seen {
    values: usize,
    /// JSON type not accepted -> (count, first file).
    wrong: BTreeMap<&'static str, (usize, String)>,
}

struct Audit<'c> {
    cat: &'c Catalog,
    prose: HashSet<(String, String)>,
    seen: BTreeMap<(String, String), Seen>,
    files: usize,
}

impl<'c> Audit<'c> {
    fn new(cat: &'c Catalog, prose: &[(String, String)]) -> Self {
        Audit {
            cat,
            prose: prose.iter().cloned().collect(),
            seen: BTreeMap::new(),
            files: 0,
        }
    }

    fn file(&mut self, path: &str, text: &str) {
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        let Some(root) = parsed.value else { return };
        let Value::Object(obj) = &root else { return };
        let class = classify(path, Some(&root));
        match class.kind {
            FileKind::Entity(kind) => {
                let dialect = match class.dialect {
                    DialectEvidence::Certain(d) => d,
                    DialectEvidence::Unknown => Dialect::V2,
                };
                let Some(entity) = self.cat.entity(dialect, kind) else {
                    return;
                };
                self.files += 1;
                match json::get(obj, "properties").map(|p| &p.value) {
                    Some(Value::Object(props)) => self.walk(props, entity.properties, path),
                    _ => self.walk(obj, entity.properties, path),
                }
            }
            FileKind::ArmTemplate => {
                self.files += 1;
                for r in adf_core::arm::resources(obj) {
                    let Some(entity) = self.cat.entity(r.dialect, r.kind) else {
                        continue;
                    };
                    if let Some(Value::Object(props)) =
                        json::get(r.object, "properties").map(|p| &p.value)
                    {
                        self.walk(props, entity.properties, path);
                    }
                }
            }
            _ => {}
        }
    }

    /// Follows the catalog's shapes down `obj` as the schema check does.
    fn walk(&mut self, obj: &Object<'_>, id: ObjId, path: &str) {
        let mut stack = vec![(obj, id)];
        while let Some((obj, id)) = stack.pop() {
            let Some(def) = self.cat.object(id) else {
                continue;
            };
            let disc = def.discriminator.as_deref().unwrap_or("type");
            let variant = json::get_str(obj, disc)
                .and_then(|t| self.cat.variant(def, t))
                .and_then(|v| self.cat.object(v));
            for prop in &obj.properties {
                let name = json::name(prop);
                let found = variant
                    .and_then(|v| lookup(v, name).map(|(k, pd)| (v, k, pd)))
                    .or_else(|| lookup(def, name).map(|(k, pd)| (def, k, pd)));
                let Some((holder, key, pd)) = found else {
                    continue;
                };
                let id = (holder.name.clone(), key.to_string());
                if self.prose.contains(&id) {
                    let kind = kind_of(&prop.value);
                    let seen = self.seen.entry(id).or_default();
                    if let Some(kind) = kind {
                        seen.values += 1;
                        if !accepts(pd, kind, &prop.value) {
                            let e = seen.wrong.entry(kind).or_insert((0, path.to_string()));
                            e.0 += 1;
                        }
                    }
                }
                match &prop.value {
                    Value::Object(o) => {
                        if let Some(id) = pd.object {
                            stack.push((o, id));
                        } else if let Some(id) = pd.values {
                            for m in &o.properties {
                                if let Value::Object(mo) = &m.value {
                                    stack.push((mo, id));
                                }
                            }
                        }
                    }
                    Value::Array(a) => {
                        if let Some(id) = pd.items {
                            for e in &a.elements {
                                if let Value::Object(eo) = e {
                                    stack.push((eo, id));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn report(&self, folders: &[&str]) -> String {
        let mut out = String::new();
        let seen_any = self.seen.values().filter(|s| s.values > 0).count();
        let wrong: Vec<_> = self
            .seen
            .iter()
            .filter(|(_, s)| !s.wrong.is_empty())
            .collect();
        let _ = writeln!(
            out,
            "prose-typed properties: {}; with literal values in {} ({} entity files and ARM \
             templates): {}; with values of a JSON type the catalog does not accept: {}",
            self.prose.len(),
            folders.join(" and "),
            self.files,
            seen_any,
            wrong.len()
        );
        for ((object, prop), s) in wrong {
            let types = self.types_of(object, prop);
            for (kind, (n, first)) in &s.wrong {
                let _ = writeln!(
                    out,
                    "  {object}.{prop}: catalog takes {types}; found {kind} x{n} of {} (first: {first})",
                    s.values
                );
            }
        }
        out
    }

    fn types_of(&self, object: &str, prop: &str) -> String {
        let pd = self
            .cat
            .objects
            .iter()
            .find(|o| o.name == object)
            .and_then(|o| o.properties.get(prop));
        let Some(pd) = pd else {
            return "?".into();
        };
        let mut names: Vec<&str> = pd.types.iter().map(|t| t.name()).collect();
        if pd.expression {
            names.push("expression");
        }
        names.join(" or ")
    }
}

/// A property of a shape by name (exact first, then ignoring ASCII case), with its catalog key.
fn lookup<'d>(def: &'d ObjectDef, name: &str) -> Option<(&'d str, &'d PropDef)> {
    def.properties
        .get_key_value(name)
        .or_else(|| {
            def.properties
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
        })
        .map(|(k, v)| (k.as_str(), v))
}

/// The JSON type of a literal value; None for computed values and null.
fn kind_of(v: &Value<'_>) -> Option<&'static str> {
    Some(match v {
        Value::StringLit(s) => {
            let s = s.value.as_ref();
            if values::is_adf_expression(s) || values::is_arm_expression(s) {
                return None;
            }
            "string"
        }
        Value::NumberLit(n) => {
            if n.value.contains(['.', 'e', 'E']) {
                "number"
            } else {
                "integer"
            }
        }
        Value::BooleanLit(_) => "boolean",
        Value::NullKeyword(_) => return None,
        Value::Array(_) => "array",
        Value::Object(o) => {
            if json::get_str(o, "type").is_some_and(|t| t.eq_ignore_ascii_case("Expression")) {
                return None;
            }
            if values::is_secret_object(v) {
                "secret object"
            } else {
                "object"
            }
        }
    })
}

/// Whether the catalog accepts a literal of this kind, as invalid-value judges it.
fn accepts(pd: &PropDef, kind: &str, v: &Value<'_>) -> bool {
    let has = |t: JsonType| pd.types.is_empty() || pd.types.contains(&t);
    match kind {
        "string" => {
            let Value::StringLit(s) = v else { return true };
            let t = s.value.trim();
            has(JsonType::String)
                || (has(JsonType::Number) && t.parse::<f64>().is_ok())
                || (has(JsonType::Integer) && t.parse::<i64>().is_ok())
                || (has(JsonType::Boolean)
                    && (t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false")))
        }
        "integer" => has(JsonType::Integer) || has(JsonType::Number),
        "number" => has(JsonType::Number),
        "boolean" => has(JsonType::Boolean),
        "array" => has(JsonType::Array),
        "secret object" => has(JsonType::Object) || has(JsonType::String) || pd.expression,
        _ => has(JsonType::Object),
    }
}
