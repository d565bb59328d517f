//! Finds the expression strings of one entity with what decides their meaning: the activity
//! they belong to, where inside it they sit (a ForEach's `items`, an Until's `expression`...),
//! and the type the catalog says the property takes.

use crate::json;
use crate::model::Entity;
use adf_catalog::{catalog, Catalog, EntityKind, JsonType, ObjId, ObjectDef, PropDef};
use adf_syntax::ast::{Object, StringLit, Value};
use foldhash::HashMap;

/// Where an expression sits relative to its activity, which decides its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Anywhere else in the activity (or the entity).
    Plain,
    /// A ForEach's `items`: evaluated once, before any iteration.
    ForEachItems,
    /// A Filter's `condition`: evaluated per item.
    FilterCondition,
    /// A Filter's `items`.
    FilterItems,
    /// An Until's `expression`: evaluated after each pass of the loop's activities.
    UntilExpression,
    /// An If's `expression` or a Switch's `on`: evaluated before the branches run.
    Condition,
    /// A Set/Append Variable's `value`: the value given to the variable it names.
    VariableValue,
}

/// One string value that holds an expression.
#[derive(Debug)]
pub struct Site<'t, 'a> {
    /// The string literal (decoded value and range, quotes included).
    pub lit: &'t StringLit<'a>,
    /// The innermost activity it belongs to (index in the entity's activities).
    pub activity: Option<usize>,
    /// Where it sits in that activity.
    pub slot: Slot,
    /// The JSON types the property takes, when the catalog knows them (empty: unknown).
    pub expected: Vec<JsonType>,
    /// The name of the property when the catalog says its object requires it.
    pub required: Option<&'t str>,
    /// An ARM template expression (`"[...]"`): ARM evaluates it before Data Factory sees it, so
    /// its text is not the ADF expression; only its value, when known, is.
    pub arm: bool,
}

/// What [`collect`] finds in one entity.
#[derive(Debug, Default)]
pub struct Collected<'t, 'a> {
    /// Strings that hold expressions.
    pub sites: Vec<Site<'t, 'a>>,
    /// Set/AppendVariable `variableName` literals, with their activity.
    pub variable_targets: Vec<(&'t StringLit<'a>, usize)>,
}

/// Keys whose strings are another language (data flow script, notebook cells) and are not read.
const OTHER_LANGUAGE: &[&str] = &["script", "scriptLines", "cells"];

/// Keys below which other entities live (an ARM factory's nested child `resources`), which are
/// checked as entities of their own.
const OTHER_ENTITIES: &[&str] = &["resources"];

/// Whether a property holds another language or other entities (see above).
fn is_skipped_key(key: &str) -> bool {
    // Asked of every property of every object: most keys have a length none of these has.
    json::may_be_of_length(SKIPPED_KEY_LENGTHS, key.len())
        && OTHER_LANGUAGE
            .iter()
            .chain(OTHER_ENTITIES)
            .any(|k| k.eq_ignore_ascii_case(key))
}

const SKIPPED_KEY_LENGTHS: u64 =
    json::length_bits(OTHER_LANGUAGE) | json::length_bits(OTHER_ENTITIES);

fn variant<'c>(cat: &'c Catalog, def: &'c ObjectDef, obj: &Object<'_>) -> Option<&'c ObjectDef> {
    if def.variants.is_empty() {
        return None;
    }
    let disc = def.discriminator.as_deref().unwrap_or("type");
    let t = json::get_str(obj, disc)?;
    cat.variant(def, t).and_then(|v| cat.object(v))
}

struct Frame<'t, 'a> {
    value: &'t Value<'a>,
    /// The object shape when the value is an object.
    shape: Option<ObjId>,
    /// What the catalog says of the property holding this value.
    prop: Option<&'static PropDef>,
    activity: Option<usize>,
    /// This value is the `typeProperties` object of `activity`.
    type_props: bool,
    slot: Slot,
    /// This value is a Set/AppendVariable `variableName`.
    variable_name: bool,
    /// The property holding this value is required by its object (its name).
    required: Option<&'t str>,
}

fn slot_for(activity_type: &str, key: &str) -> Slot {
    let t = activity_type.to_ascii_lowercase();
    let k = key.to_ascii_lowercase();
    match (t.as_str(), k.as_str()) {
        ("foreach", "items") => Slot::ForEachItems,
        ("filter", "condition") => Slot::FilterCondition,
        ("filter", "items") => Slot::FilterItems,
        ("until", "expression") => Slot::UntilExpression,
        ("ifcondition", "expression") | ("switch", "on") => Slot::Condition,
        ("setvariable" | "appendvariable", "value") => Slot::VariableValue,
        _ => Slot::Plain,
    }
}

/// The expression strings below `obj` (an entity's object), in no particular order. `arm`: the
/// object is a resource of an ARM template, whose `"[...]"` strings are ARM expressions.
pub fn collect<'t, 'a>(obj: &'t Object<'a>, entity: &Entity, arm: bool) -> Collected<'t, 'a> {
    let cat = catalog();
    let mut out = Collected::default();
    if entity.kind == EntityKind::DataFlow {
        // Data flow JSON holds the script (another language) and little else.
        return out;
    }
    let by_start: HashMap<usize, usize> = entity
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.range.start, i))
        .collect();
    // An ARM resource is always an envelope (`name`, `type`, `apiVersion`...), even without
    // `properties`.
    let properties_only =
        !arm && json::get(obj, "properties").is_none() && json::get(obj, "type").is_some();
    let shape = cat.entity(entity.dialect, entity.kind).map(|e| {
        if properties_only {
            e.properties
        } else {
            e.root
        }
    });
    let mut stack: Vec<Frame<'t, 'a>> = Vec::new();
    push_children(
        cat,
        obj,
        (shape, None, None),
        None,
        false,
        Slot::Plain,
        &by_start,
        entity,
        &mut stack,
    );
    while let Some(f) = stack.pop() {
        match f.value {
            Value::StringLit(s) => {
                if let (Some(a), true) = (f.activity, f.variable_name) {
                    out.variable_targets.push((s, a));
                }
                if s.value.contains('@') {
                    let mut expected = f.prop.map(|p| p.types.clone()).unwrap_or_default();
                    if matches!(f.slot, Slot::FilterCondition | Slot::UntilExpression)
                        || (f.slot == Slot::Condition
                            && f.activity.is_some_and(|a| {
                                entity
                                    .activities
                                    .get(a)
                                    .and_then(|x| x.type_name.as_deref())
                                    == Some("IfCondition")
                            }))
                    {
                        // The catalog types these as Expression objects; their value is a bool.
                        expected = vec![JsonType::Boolean];
                    }
                    out.sites.push(Site {
                        lit: s,
                        activity: f.activity,
                        slot: f.slot,
                        expected,
                        required: f.required,
                        arm: arm && crate::arm::is_expression(&s.value),
                    });
                }
            }
            Value::Array(a) => {
                let item_shape = f.prop.and_then(|p| p.items);
                for e in &a.elements {
                    stack.push(Frame {
                        value: e,
                        shape: item_shape,
                        prop: None,
                        activity: f.activity,
                        type_props: false,
                        slot: f.slot,
                        variable_name: false,
                        required: None,
                    });
                }
            }
            Value::Object(o) => {
                push_children(
                    cat,
                    o,
                    (f.shape, f.prop, f.required),
                    f.activity,
                    f.type_props,
                    f.slot,
                    &by_start,
                    entity,
                    &mut stack,
                );
            }
            _ => {}
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push_children<'t, 'a>(
    cat: &'static Catalog,
    o: &'t Object<'a>,
    // The object's shape, the catalog entry of the property holding it, and that property's
    // name when it is required.
    (shape, own_prop, own_required): (Option<ObjId>, Option<&'static PropDef>, Option<&'t str>),
    activity: Option<usize>,
    type_props: bool,
    slot: Slot,
    by_start: &HashMap<usize, usize>,
    entity: &Entity,
    stack: &mut Vec<Frame<'t, 'a>>,
) {
    // An activity object starts a new scope.
    let (activity, slot) = match by_start.get(&o.range.start) {
        Some(i) if entity.kind == EntityKind::Pipeline => (Some(*i), Slot::Plain),
        _ => (activity, slot),
    };
    let is_activity = activity.is_some() && by_start.get(&o.range.start) == activity.as_ref();
    let activity_type = activity
        .and_then(|a| entity.activities.get(a))
        .and_then(|a| a.type_name.as_deref())
        .unwrap_or("");
    let def = shape.and_then(|s| cat.object(s));
    let var = def.and_then(|d| variant(cat, d, o));
    // `{"value": "...", "type": "Expression"}` stands for the property that holds it.
    let expression_object =
        json::get_str(o, "type").is_some_and(|t| t.eq_ignore_ascii_case("Expression"));
    for p in &o.properties {
        let key = json::name(p);
        if is_skipped_key(key) {
            continue;
        }
        let stands_for_owner = expression_object && key == "value";
        let prop = if stands_for_owner {
            own_prop
        } else {
            crate::schema_check::lookup_in(var, def, key)
        };
        let required = if stands_for_owner {
            own_required
        } else {
            let listed = |d: &ObjectDef| d.required.iter().any(|r| r.eq_ignore_ascii_case(key));
            (var.is_some_and(listed) || def.is_some_and(listed)).then_some(key)
        };
        let child_shape = prop.and_then(|p| p.object).or_else(|| {
            own_prop
                .and_then(|p| p.values)
                .filter(|_| def.is_none_or(|d| crate::schema_check::lookup(d, key).is_none()))
        });
        let child_slot = if type_props {
            slot_for(activity_type, key)
        } else {
            slot
        };
        stack.push(Frame {
            value: &p.value,
            shape: child_shape,
            prop,
            activity,
            type_props: is_activity && key.eq_ignore_ascii_case("typeProperties"),
            slot: child_slot,
            variable_name: type_props
                && key == "variableName"
                && matches!(activity_type, "SetVariable" | "AppendVariable"),
            required,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::is_skipped_key;

    #[test]
    fn skipped_keys_are_found_in_any_case_and_no_others() {
        for key in ["script", "scriptLines", "SCRIPTLINES", "cells", "resources"] {
            assert!(is_skipped_key(key), "{key}");
        }
        for key in [
            "scripts",
            "name",
            "typeProperties",
            "",
            "resourcesX",
            "cell",
        ] {
            assert!(!is_skipped_key(key), "{key}");
        }
        assert!(!is_skipped_key(&"x".repeat(200)));
    }
}
