//! Completion: property names for the object's shape, allowed values, `type` discriminators,
//! entity names where a reference is expected and activity names in `dependsOn`. Works on
//! half-typed text because the parser always returns a tree.

use super::hover::{is_required, root_kind, types_text};
use super::tree::{locate, At, Frame};
use super::{CompletionItem, CompletionKind};
use crate::json;
use crate::model::reference_kind;
use crate::Workspace;
use adf_catalog::{Dialect, EntityKind, JsonType, PropDef};
use adf_syntax::ast::Object;

/// A snippet for a property's value, by its first JSON type.
fn value_snippet(pd: Option<&PropDef>) -> &'static str {
    match pd.and_then(|p| p.types.first()) {
        Some(JsonType::Object) => "{$1}",
        Some(JsonType::Array) => "[$1]",
        Some(JsonType::Boolean) => "${1|true,false|}",
        Some(JsonType::Integer) | Some(JsonType::Number) => "${1:0}",
        Some(JsonType::Null) => "null",
        Some(JsonType::String) | None => "\"$1\"",
    }
}

/// Whether the word before the cursor starts right after an opening quote.
fn after_quote(text: &str, offset: usize) -> bool {
    let Some(before) = text.get(..offset) else {
        return false;
    };
    let word = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '-' | '.'))
        .map(char::len_utf8)
        .sum::<usize>();
    before[..before.len() - word].ends_with('"')
}

fn property_items(frame: &Frame<'_, '_>, text: &str, offset: usize) -> Vec<CompletionItem> {
    let present = |name: &str| {
        frame
            .obj
            .properties
            .iter()
            .any(|p| json::name(p).eq_ignore_ascii_case(name))
    };
    let quoted = after_quote(text, offset);
    let mut items: Vec<(bool, CompletionItem)> = Vec::new();
    let mut push = |name: &str, pd: Option<&PropDef>, required: bool, detail: String| {
        if present(name) || items.iter().any(|(_, i)| i.label == name) {
            return;
        }
        let value = value_snippet(pd);
        let insert_text = if quoted {
            format!("{name}\": {value}")
        } else {
            format!("\"{name}\": {value}")
        };
        items.push((
            required,
            CompletionItem {
                label: name.to_string(),
                kind: CompletionKind::Property,
                detail: Some(detail),
                insert_text,
                snippet: true,
            },
        ));
    };
    if let Some(disc) = frame.discriminator() {
        if frame.variant.is_none() {
            push(disc, None, true, "string, required".to_string());
        }
    }
    for def in frame.def.into_iter().chain(frame.variant) {
        for (name, pd) in &def.properties {
            let required = is_required(frame, name);
            let detail = format!(
                "{}{}",
                types_text(pd).replace('`', ""),
                if required { ", required" } else { "" }
            );
            push(name, Some(pd), required, detail);
        }
    }
    // Required first; otherwise the catalog's (alphabetical) order.
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.label.cmp(&b.1.label)));
    items.into_iter().map(|(_, i)| i).collect()
}

fn value_item(label: &str, kind: CompletionKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind,
        detail,
        insert_text: label.to_string(),
        snippet: false,
    }
}

/// The kind of entity a string value under `key` of `obj` names, if it is a reference.
fn expected_entity(
    obj: &Object<'_>,
    parent_key: Option<&str>,
    key: &str,
    dialect: Option<Dialect>,
) -> Option<EntityKind> {
    if key.eq_ignore_ascii_case("referenceName") {
        return reference_kind(json::get_str(obj, "type")?);
    }
    if dialect != Some(Dialect::V1) {
        return None;
    }
    if key.eq_ignore_ascii_case("linkedServiceName") {
        return Some(EntityKind::LinkedService);
    }
    let io = parent_key
        .is_some_and(|k| k.eq_ignore_ascii_case("inputs") || k.eq_ignore_ascii_case("outputs"));
    (io && key.eq_ignore_ascii_case("name")).then_some(EntityKind::Dataset)
}

/// Completion proposals at an offset of a file.
pub fn completion(ws: &Workspace, path: &str, offset: usize) -> Vec<CompletionItem> {
    let Some(text) = ws.text(path) else {
        return Vec::new();
    };
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let Some(root) = parsed.value.as_ref() else {
        return Vec::new();
    };
    let rk = root_kind(ws, path);
    let spot = locate(text, root, rk, offset);
    let Some(frame) = spot.frames.last() else {
        return Vec::new();
    };
    match spot.at {
        At::InObject | At::Name(_) => property_items(frame, text, offset),
        At::StringValue(prop) => {
            let key = json::name(prop);
            if let Some(kind) = expected_entity(frame.obj, frame.key, key, rk.map(|r| r.1)) {
                return ws
                    .names_from(path, kind)
                    .into_iter()
                    .map(|n| {
                        value_item(
                            n,
                            CompletionKind::Entity(kind),
                            Some(kind.words().to_string()),
                        )
                    })
                    .collect();
            }
            if key.eq_ignore_ascii_case("activity")
                && frame
                    .key
                    .is_some_and(|k| k.eq_ignore_ascii_case("dependsOn"))
            {
                return activity_names(ws, path, offset);
            }
            if frame
                .discriminator()
                .is_some_and(|d| d.eq_ignore_ascii_case(key))
            {
                return frame
                    .def
                    .into_iter()
                    .flat_map(|d| d.variants.keys())
                    .map(|t| value_item(t, CompletionKind::Type, None))
                    .collect();
            }
            frame
                .prop(key)
                .into_iter()
                .flat_map(|pd| pd.enum_values.iter())
                .map(|v| value_item(v, CompletionKind::Value, None))
                .collect()
        }
        At::Other => Vec::new(),
    }
}

/// The activity names of the pipeline around the offset (for `dependsOn[].activity`), except
/// the activity the cursor is in.
fn activity_names(ws: &Workspace, path: &str, offset: usize) -> Vec<CompletionItem> {
    let Some(model) = ws.model(path) else {
        return Vec::new();
    };
    let Some(e) = model
        .entities
        .iter()
        .find(|e| e.range.start <= offset && offset <= e.range.end)
    else {
        return Vec::new();
    };
    // The activity holding the cursor is the one starting last before it among those that
    // declare this dependsOn entry.
    let own = e
        .activities
        .iter()
        .filter(|a| {
            a.depends_on
                .iter()
                .any(|d| d.range.start <= offset && offset <= d.range.end)
        })
        .map(|a| a.name.as_str())
        .next();
    e.activities
        .iter()
        .filter(|a| Some(a.name.as_str()) != own && !a.name.is_empty())
        .map(|a| value_item(&a.name, CompletionKind::Activity, a.type_name.clone()))
        .collect()
}
