//! Walks a file's tree along the catalog's shapes and lets the schema rules judge each object,
//! property and value. Iterative (an explicit stack), so depth costs heap, not stack.

use crate::diagnostic::{Diagnostic, TextRange};
use crate::json;
use crate::rules::{
    copy_dataset_count, invalid_value, missing_required_property, plaintext_secret,
    unknown_property, unknown_type,
};
use crate::values;
use adf_catalog::{Catalog, Dialect, EntityKind, ObjId, ObjectDef, PropDef};
use adf_syntax::ast::{Object, Value};
use foldhash::HashMap;
use std::sync::OnceLock;

/// The unions whose discriminator is an entity's or an activity's `type`, with their kind.
fn entity_unions(cat: &Catalog) -> &'static HashMap<ObjId, EntityKind> {
    static IDS: OnceLock<HashMap<ObjId, EntityKind>> = OnceLock::new();
    IDS.get_or_init(|| {
        cat.entities
            .iter()
            .flat_map(|e| [(e.root, e.kind), (e.properties, e.kind)])
            .collect()
    })
}

/// Turns a definition name such as `CopySource` or v1's `copySourceTypes` into words: "copy source".
fn describe(name: &str) -> String {
    let name = ["PropertiesTypes", "Types"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name);
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let prev_lower = i > 0 && chars[i - 1].is_lowercase();
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let prev_upper = i > 0 && chars[i - 1].is_uppercase();
        if c.is_uppercase() && i > 0 && (prev_lower || (prev_upper && next_lower)) {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A property of a shape by name (exact first, then ignoring ASCII case).
pub(crate) fn lookup<'d>(def: &'d ObjectDef, name: &str) -> Option<&'d PropDef> {
    def.prop(name).or_else(|| ignoring_case(def, name))
}

fn ignoring_case<'d>(def: &'d ObjectDef, name: &str) -> Option<&'d PropDef> {
    def.properties
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// A property of an object whose shape is `def` and, when polymorphic, `variant`: the variant's
/// before the shape's. Both exact spellings are tried before either is scanned ignoring case:
/// the scan is the slow part (a base property such as `name` is never in the variant), and no
/// variant respells a property of its base (`catalog_variants_never_respell_their_base`).
pub(crate) fn lookup_in<'d>(
    variant: Option<&'d ObjectDef>,
    def: Option<&'d ObjectDef>,
    name: &str,
) -> Option<&'d PropDef> {
    let exact = |d: Option<&'d ObjectDef>| d.and_then(|d| d.prop(name));
    exact(variant)
        .or_else(|| exact(def))
        .or_else(|| variant.and_then(|v| ignoring_case(v, name)))
        .or_else(|| def.and_then(|d| ignoring_case(d, name)))
}

fn has_prop(obj: &Object<'_>, name: &str) -> bool {
    obj.properties
        .iter()
        .any(|p| json::name(p).eq_ignore_ascii_case(name))
}

struct Frame<'t, 'a> {
    obj: &'t Object<'a>,
    id: ObjId,
    anchor: TextRange,
}

/// Checks objects against catalog shapes.
pub(crate) struct SchemaWalker<'c, 'o> {
    pub cat: &'c Catalog,
    pub dialect: Dialect,
    /// Missing properties are only reported when the whole file could be read.
    pub syntax_ok: bool,
    pub out: &'o mut Vec<Diagnostic>,
    /// Spans of real-looking secrets found on the way.
    pub secrets: &'o mut Vec<TextRange>,
}

impl SchemaWalker<'_, '_> {
    /// Checks `obj` (and everything below it) against the shape `id`.
    pub fn walk(&mut self, obj: &Object<'_>, id: ObjId, anchor: TextRange) {
        let mut stack = vec![Frame { obj, id, anchor }];
        while let Some(frame) = stack.pop() {
            self.visit(frame, &mut stack);
        }
    }

    fn visit<'t, 'a>(&mut self, frame: Frame<'t, 'a>, stack: &mut Vec<Frame<'t, 'a>>) {
        let Some(def) = self.cat.object(frame.id) else {
            return;
        };
        let obj = frame.obj;
        let disc = def.discriminator.as_deref().unwrap_or("type");
        let (variant, resolved) = self.resolve_variant(frame.id, def, disc, obj);
        let open = def.open || variant.is_some_and(|v| v.open) || !resolved;
        let shape_name = variant.map_or(def.name.as_str(), |v| v.name.as_str());
        if self.dialect == Dialect::V2 && shape_name == "Activity:Copy" {
            copy_dataset_count::check(obj, self.out);
        }
        for prop in &obj.properties {
            let name = json::name(prop);
            let is_disc = !def.variants.is_empty() && name.eq_ignore_ascii_case(disc);
            let pd = lookup_in(variant, Some(def), name);
            let Some(pd) = pd else {
                if !open && !is_disc {
                    let known = def
                        .properties
                        .keys()
                        .chain(variant.into_iter().flat_map(|v| v.properties.keys()))
                        .map(String::as_str);
                    self.out.push(unknown_property::diagnostic(
                        json::name_range(prop).into(),
                        name,
                        shape_name,
                        known,
                    ));
                }
                continue;
            };
            if is_disc {
                continue;
            }
            if pd.secret {
                plaintext_secret::check(name, &prop.value, self.dialect, self.out, self.secrets);
            } else if values::is_secret_object(&prop.value) {
                // A SecureString where a plain string goes (Studio writes `servicePrincipalId`
                // so): its value is masked like any secret, but it is no credential to report.
                let mut unreported = Vec::new();
                plaintext_secret::check(
                    name,
                    &prop.value,
                    self.dialect,
                    &mut unreported,
                    self.secrets,
                );
            }
            if invalid_value::check(name, pd, &prop.value, self.dialect, self.out)
                == invalid_value::Next::Descend
            {
                push_children(pd, &prop.value, json::name_range(prop).into(), stack);
            }
        }
        if self.syntax_ok {
            let missing: Vec<&str> = def
                .required
                .iter()
                .chain(variant.into_iter().flat_map(|v| v.required.iter()))
                .map(String::as_str)
                .filter(|r| !has_prop(obj, r))
                .collect();
            if !missing.is_empty() {
                self.out.push(missing_required_property::diagnostic(
                    frame.anchor,
                    &missing,
                    shape_name,
                ));
            }
        }
    }

    /// The variant of a polymorphic object, and whether the object's shape is fully known.
    fn resolve_variant<'d>(
        &mut self,
        def_id: ObjId,
        def: &'d ObjectDef,
        disc: &str,
        obj: &Object<'_>,
    ) -> (Option<&'d ObjectDef>, bool)
    where
        Self: 'd,
    {
        match variant_of(self.cat, def, disc, obj) {
            Variant::Plain => (None, true),
            Variant::Known(v) => (Some(v), true),
            Variant::Open => (None, false),
            Variant::Unknown(s) => {
                self.out.push(unknown_type::diagnostic(
                    s.range.into(),
                    s.value.as_ref(),
                    &describe(&def.name),
                    def.variants.keys().map(String::as_str),
                    &self.cat.snapshot,
                    entity_unions(self.cat).get(&def_id).copied(),
                ));
                (None, false)
            }
        }
    }
}

/// What the discriminator of an object selects in its shape.
pub(crate) enum Variant<'d, 't, 'a> {
    /// The shape is not polymorphic.
    Plain,
    /// The variant the discriminator names.
    Known(&'d ObjectDef),
    /// No literal discriminator (missing, not a string, or computed): the shape is open.
    Open,
    /// A discriminator the catalog does not know.
    Unknown(&'t adf_syntax::ast::StringLit<'a>),
}

/// The variant of a polymorphic object (pure: the schema walk and the IDE queries share it).
pub(crate) fn variant_of<'d, 't, 'a>(
    cat: &'d Catalog,
    def: &ObjectDef,
    disc: &str,
    obj: &'t Object<'a>,
) -> Variant<'d, 't, 'a> {
    if def.variants.is_empty() {
        return Variant::Plain;
    }
    let Some(prop) = json::get(obj, disc) else {
        return Variant::Open;
    };
    let Value::StringLit(s) = &prop.value else {
        return Variant::Open;
    };
    let value = s.value.as_ref();
    if values::is_arm_expression(value) || values::is_adf_expression(value) {
        return Variant::Open;
    }
    match cat.variant(def, value).and_then(|v| cat.object(v)) {
        Some(v) => Variant::Known(v),
        None => Variant::Unknown(s),
    }
}

fn push_children<'t, 'a>(
    pd: &PropDef,
    value: &'t Value<'a>,
    anchor: TextRange,
    stack: &mut Vec<Frame<'t, 'a>>,
) {
    match value {
        Value::Object(o) => {
            if let Some(id) = pd.object {
                stack.push(Frame { obj: o, id, anchor });
            } else if let Some(id) = pd.values {
                for m in &o.properties {
                    if let Value::Object(mo) = &m.value {
                        stack.push(Frame {
                            obj: mo,
                            id,
                            anchor: json::name_range(m).into(),
                        });
                    }
                }
            }
        }
        Value::Array(a) => {
            if let Some(id) = pd.items {
                for e in &a.elements {
                    if let Value::Object(eo) = e {
                        let start = eo.range.start;
                        stack.push(Frame {
                            obj: eo,
                            id,
                            anchor: TextRange::new(start, start + 1),
                        });
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{describe, lookup, lookup_in};

    /// `lookup_in` tries both exact spellings first; it finds what the variant-then-shape
    /// lookup finds only while no variant spells a property of its shape in another case.
    #[test]
    fn catalog_variants_never_respell_their_base() {
        let cat = adf_catalog::catalog();
        let mut checked = 0;
        for def in &cat.objects {
            for id in def.variants.values() {
                let Some(variant) = cat.object(*id) else {
                    continue;
                };
                for name in variant.properties.keys() {
                    checked += 1;
                    let respelt = def
                        .properties
                        .keys()
                        .find(|k| k.eq_ignore_ascii_case(name) && *k != name);
                    assert_eq!(
                        respelt, None,
                        "{} respells {name} of {}",
                        variant.name, def.name
                    );
                }
                for name in def.properties.keys().chain(variant.properties.keys()) {
                    for probe in [name.clone(), name.to_ascii_uppercase()] {
                        let before = lookup(variant, &probe).or_else(|| lookup(def, &probe));
                        let now = lookup_in(Some(variant), Some(def), &probe);
                        let same = match (before, now) {
                            (Some(a), Some(b)) => std::ptr::eq(a, b),
                            (a, b) => a.is_none() && b.is_none(),
                        };
                        assert!(same, "{probe} in {}", variant.name);
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} variant properties");
    }

    #[test]
    fn describes_definition_names() {
        assert_eq!(describe("CopySource"), "copy source");
        assert_eq!(describe("LinkedService"), "linked service");
        assert_eq!(describe("StoreReadSettings"), "store read settings");
        assert_eq!(describe("IntegrationRuntime"), "integration runtime");
        assert_eq!(describe("linkedServicePropertiesTypes"), "linked service");
        assert_eq!(describe("activityTypes"), "activity");
    }
}
