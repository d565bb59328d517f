//! Where an offset is in a file's tree, and the catalog shape of every object on the way there
//! (resolved as the schema walk resolves it: same root shape, same variant choice, same lookups).

use crate::diagnostic::TextRange;
use crate::json;
use crate::model::build::entity_shape;
use crate::schema_check::{lookup_in, variant_of, Variant};
use adf_catalog::{catalog, Dialect, EntityKind, ObjId, ObjectDef, PropDef};
use adf_syntax::ast::{Object, ObjectProp, StringLit, Value};
use foldhash::{HashMap, HashMapExt};

/// Start to end of every object in a text (for outline extents).
pub(crate) fn object_extents(text: &str) -> HashMap<usize, usize> {
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let mut out = HashMap::new();
    let mut stack: Vec<&Value<'_>> = parsed.value.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                out.insert(o.range.start, o.range.end);
                stack.extend(o.properties.iter().map(|p| &p.value));
            }
            Value::Array(a) => stack.extend(a.elements.iter()),
            _ => {}
        }
    }
    out
}

/// An object on the way to the cursor, with its catalog shape.
pub(crate) struct Frame<'t, 'a> {
    /// The object.
    pub obj: &'t Object<'a>,
    /// The property name it sits under (for array elements: the array's name).
    pub key: Option<&'t str>,
    /// Its shape, when the catalog knows it.
    pub def: Option<&'static ObjectDef>,
    /// Its variant, when polymorphic and the discriminator is known.
    pub variant: Option<&'static ObjectDef>,
    /// For a map object (`parameters`): the shape of its members' values.
    pub member: Option<ObjId>,
}

impl Frame<'_, '_> {
    /// What the catalog says of a property of this object.
    pub fn prop(&self, name: &str) -> Option<&'static PropDef> {
        lookup_in(self.variant, self.def, name)
    }

    /// Whether the object already has this property (ADF compares names without case).
    pub fn has(&self, name: &str) -> bool {
        self.obj
            .properties
            .iter()
            .any(|p| crate::json::name(p).eq_ignore_ascii_case(name))
    }

    /// The discriminator's name, when the shape is polymorphic.
    pub fn discriminator(&self) -> Option<&'static str> {
        let d = self.def?;
        (!d.variants.is_empty()).then(|| d.discriminator.as_deref().unwrap_or("type"))
    }
}

/// What is at the cursor.
pub(crate) enum At<'t, 'a> {
    /// On a property's name.
    Name(&'t ObjectProp<'a>),
    /// Inside a string value of a property.
    StringValue(&'t ObjectProp<'a>),
    /// Inside an object, between properties (where a property name goes).
    InObject,
    /// Anywhere else (numbers, array punctuation, outside the root).
    Other,
}

/// The objects from the root to the cursor (innermost last) and what the cursor is on.
pub(crate) struct Spot<'t, 'a> {
    /// Objects entered, outermost first.
    pub frames: Vec<Frame<'t, 'a>>,
    /// What the cursor is on in the innermost object.
    pub at: At<'t, 'a>,
}

fn frame<'t, 'a>(
    obj: &'t Object<'a>,
    key: Option<&'t str>,
    shape: Option<ObjId>,
    member: Option<ObjId>,
) -> Frame<'t, 'a> {
    let cat = catalog();
    let def = shape.and_then(|id| cat.object(id));
    let variant = def.and_then(|d| {
        let disc = d.discriminator.as_deref().unwrap_or("type");
        match variant_of(cat, d, disc, obj) {
            Variant::Known(v) => Some(v),
            _ => None,
        }
    });
    Frame {
        obj,
        key,
        def,
        variant,
        member,
    }
}

/// Whether the cursor is inside a string literal's quotes (an unterminated string, which the
/// parser ends at the end of its line, counts up to that end).
fn inside_string(text: &str, s: &StringLit<'_>, offset: usize) -> bool {
    let r = s.range;
    let closed = r.end >= r.start + 2 && text.get(r.end - 1..r.end) == Some("\"");
    r.start < offset && (offset < r.end || (!closed && offset == r.end))
}

/// Finds where `offset` is in an entity file's tree. `kind` and `dialect` pick the root shape.
pub(crate) fn locate<'t, 'a>(
    text: &str,
    root: &'t Value<'a>,
    kind: Option<(EntityKind, Dialect)>,
    offset: usize,
) -> Spot<'t, 'a> {
    let mut frames = Vec::new();
    let Value::Object(root_obj) = root else {
        return Spot {
            frames,
            at: At::Other,
        };
    };
    let shape = kind.and_then(|(k, d)| entity_shape(d, k, root_obj, false));
    let mut cur = frame(root_obj, None, shape, None);
    if !touches_obj(text, root_obj, offset) {
        return Spot {
            frames,
            at: At::Other,
        };
    }
    loop {
        let obj = cur.obj;
        let Some(prop) = obj
            .properties
            .iter()
            .find(|p| p.range.start <= offset && offset <= p.range.end)
        else {
            frames.push(cur);
            return Spot {
                frames,
                at: At::InObject,
            };
        };
        let name_range: TextRange = json::name_range(prop).into();
        if name_range.start < offset && offset <= name_range.end {
            frames.push(cur);
            return Spot {
                frames,
                at: At::Name(prop),
            };
        }
        let pd = cur.prop(json::name(prop));
        // A map's members take the map's member shape; other objects their property's shape.
        let (child_shape, child_member) = match (cur.member, pd) {
            (Some(m), _) => (Some(m), None),
            (None, Some(pd)) => (pd.object, pd.values.filter(|_| pd.object.is_none())),
            (None, None) => (None, None),
        };
        let key = Some(json::name(prop));
        let next = match &prop.value {
            Value::StringLit(s) if inside_string(text, s, offset) => {
                frames.push(cur);
                return Spot {
                    frames,
                    at: At::StringValue(prop),
                };
            }
            Value::Object(o) if touches_obj(text, o, offset) => {
                frame(o, key, child_shape, child_member)
            }
            Value::Array(a) => {
                let items = if cur.member.is_some() {
                    None
                } else {
                    pd.and_then(|p| p.items)
                };
                let elem = a.elements.iter().find_map(|e| match e {
                    Value::Object(o) if touches_obj(text, o, offset) => Some(o),
                    _ => None,
                });
                match elem {
                    Some(o) => frame(o, key, items, None),
                    None => {
                        frames.push(cur);
                        return Spot {
                            frames,
                            at: At::Other,
                        };
                    }
                }
            }
            _ => {
                frames.push(cur);
                return Spot {
                    frames,
                    at: At::Other,
                };
            }
        };
        frames.push(cur);
        cur = next;
    }
}

/// Whether the cursor is inside an object's braces (an unclosed object, which the parser ends
/// where the next token starts, counts up to that end).
fn touches_obj(text: &str, o: &Object<'_>, offset: usize) -> bool {
    let r = o.range;
    let closed = r.end > r.start && text.get(r.end - 1..r.end) == Some("}");
    r.start < offset && (offset < r.end || (!closed && offset == r.end))
}
