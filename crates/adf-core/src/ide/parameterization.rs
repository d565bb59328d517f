//! Hover and completion in `arm-template-parameters-definition.json`, the custom
//! parameterization file: resource types at the top, the catalog's property names along a
//! path, and what a definition string (`=:-name:int`) means.

use super::tree::{locate, At, Frame};
use super::{CompletionItem, CompletionKind, Hover};
use crate::diagnostic::TextRange;
use crate::json;
use crate::parameterization::{
    describe_definition, names_at, resource_types, section_kind, Slot, TYPES,
};
use adf_syntax::ast::Value;

/// The keys from the file's root to a frame: the resource type first.
fn keys<'t>(frames: &[Frame<'t, '_>]) -> Vec<&'t str> {
    frames.iter().skip(1).filter_map(|f| f.key).collect()
}

/// Hover in the parameterization file: a section's resource type, or a definition string.
pub(crate) fn hover(text: &str, offset: usize) -> Option<Hover> {
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let root = parsed.value.as_ref()?;
    let spot = locate(text, root, None, offset);
    match spot.at {
        At::Name(prop) if spot.frames.len() == 1 => {
            let name = json::name(prop);
            let markdown = match section_kind(name) {
                Some(kind) => format!(
                    "**resource type** `{name}`\n\nDefinitions for every {}: property paths \
                     under it, `*` for any property.",
                    kind.words()
                ),
                None => return None,
            };
            Some(Hover {
                markdown,
                range: json::name_range(prop).into(),
            })
        }
        At::StringValue(prop) => {
            let Value::StringLit(s) = &prop.value else {
                return None;
            };
            Some(Hover {
                markdown: describe_definition(s.value.as_ref())?,
                range: s.range.into(),
            })
        }
        _ => None,
    }
}

/// A key item: the name with a value fitting what the property holds.
fn key_item(name: &str, slot: Slot, detail: &str) -> CompletionItem {
    let value = match slot {
        Slot::Object => "{$1}",
        Slot::Array => "[{$1}]",
        Slot::Leaf => "\"${1:=}\"",
    };
    CompletionItem {
        label: name.to_string(),
        kind: CompletionKind::Property,
        detail: Some(detail.to_string()),
        insert_text: format!("{}: {value}", json::quote(name)),
        snippet: true,
        replace: None,
        filter_text: None,
    }
}

/// Completion in the parameterization file; `None` where nothing is proposed.
pub(crate) fn completion(
    text: &str,
    offset: usize,
    key_items: impl Fn(Vec<CompletionItem>) -> Vec<CompletionItem>,
) -> Option<Vec<CompletionItem>> {
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let root = parsed.value.as_ref()?;
    let spot = locate(text, root, None, offset);
    let frame = spot.frames.last()?;
    match spot.at {
        At::InObject | At::Name(_) => {
            let present = |name: &str| frame.has(name);
            let items: Vec<CompletionItem> = if spot.frames.len() == 1 {
                resource_types()
                    .filter(|(t, _)| !present(t))
                    .map(|(t, kind)| {
                        let detail = kind.map_or("resource type", |k| k.words());
                        key_item(t, Slot::Object, detail)
                    })
                    .collect()
            } else {
                names_at(&keys(&spot.frames))
                    .into_iter()
                    .filter(|(n, _)| !present(n))
                    .map(|(n, slot)| key_item(&n, slot, "property"))
                    .collect()
            };
            Some(key_items(items))
        }
        At::StringValue(prop) => {
            let Value::StringLit(s) = &prop.value else {
                return None;
            };
            // The string's content up to the cursor (after the opening quote).
            let start = s.range.start + 1;
            let typed = text.get(start..offset)?;
            let colons: Vec<usize> = typed.match_indices(':').map(|(i, _)| i).collect();
            let content_end = if text.get(s.range.end.saturating_sub(1)..s.range.end) == Some("\"")
                && s.range.end > start
            {
                s.range.end - 1
            } else {
                s.range.end
            };
            let items: Vec<(String, String, usize)> = match colons.as_slice() {
                // After `<action>:<name>:`: the types.
                [_, second] => TYPES
                    .iter()
                    .map(|t| {
                        (
                            t.to_string(),
                            "parameter type".to_string(),
                            start + second + 1,
                        )
                    })
                    .collect(),
                // The action, replacing the whole definition.
                [] => [
                    ("=", "keep the current value as default"),
                    ("-", "no default value"),
                    ("|", "Key Vault secret (connection strings, keys)"),
                ]
                .iter()
                .map(|(a, d)| (a.to_string(), d.to_string(), start))
                .collect(),
                _ => return None,
            };
            Some(
                items
                    .into_iter()
                    .map(|(label, detail, from)| CompletionItem {
                        insert_text: label.clone(),
                        label,
                        kind: CompletionKind::Value,
                        detail: Some(detail),
                        snippet: false,
                        replace: Some(TextRange::new(from, content_end.max(from))),
                        filter_text: None,
                    })
                    .collect(),
            )
        }
        At::Other => None,
    }
}
