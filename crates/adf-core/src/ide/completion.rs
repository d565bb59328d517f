//! Completion: property names for the object's shape, allowed values, `type` discriminators,
//! entity names where a reference is expected and activity names in `dependsOn`. Works on
//! half-typed text because the parser always returns a tree.

use super::hover::{is_required, root_kind, types_text};
use super::tree::{locate, At, Frame};
use super::{CompletionItem, CompletionKind};
use crate::diagnostic::TextRange;
use crate::json;
use crate::model::reference_kind;
use crate::Workspace;
use adf_catalog::{Dialect, EntityKind, JsonType, PropDef};
use adf_syntax::ast::{Object, Value};

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

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '-' | '.' | '@')
}

/// Bytes of key characters just before and just after an offset.
fn word_around(text: &str, offset: usize, keep: impl Fn(char) -> bool) -> Option<TextRange> {
    let before = text.get(..offset)?;
    let after = text.get(offset..)?;
    let back: usize = before
        .chars()
        .rev()
        .take_while(|c| keep(*c))
        .map(char::len_utf8)
        .sum();
    let ahead: usize = after
        .chars()
        .take_while(|c| keep(*c))
        .map(char::len_utf8)
        .sum();
    Some(TextRange::new(offset - back, offset + ahead))
}

/// Where a property name is being typed: the word at the cursor with the quotes around it, and
/// whether a `:` already follows (then only the name is replaced).
fn key_span(text: &str, offset: usize) -> Option<(TextRange, bool)> {
    let w = word_around(text, offset, is_key_char)?;
    let start = if text.get(..w.start)?.ends_with('"') {
        w.start - 1
    } else {
        w.start
    };
    let rest = text.get(w.end..)?;
    let end = if rest.starts_with('"') {
        w.end + 1
    } else {
        w.end
    };
    let colon = text.get(end..)?.trim_start().starts_with(':');
    Some((TextRange::new(start, end), colon))
}

/// Property items replace the key being typed, quotes included.
fn as_key_items(items: Vec<CompletionItem>, text: &str, offset: usize) -> Vec<CompletionItem> {
    let Some((span, colon)) = key_span(text, offset) else {
        return items;
    };
    items
        .into_iter()
        .map(|mut i| {
            if colon {
                // The value is there already: only the name changes.
                i.insert_text = json::quote(&i.label);
                i.snippet = false;
            }
            i.filter_text = Some(json::quote(&i.label));
            i.replace = Some(span);
            i
        })
        .collect()
}

fn property_items(frame: &Frame<'_, '_>) -> Vec<CompletionItem> {
    let present = |name: &str| frame.has(name);
    let mut items: Vec<(bool, CompletionItem)> = Vec::new();
    let mut push = |name: &str, pd: Option<&PropDef>, required: bool, detail: String| {
        if present(name) || items.iter().any(|(_, i)| i.label == name) {
            return;
        }
        let value = value_snippet(pd);
        let insert_text = format!("{}: {value}", json::quote(name));
        items.push((
            required,
            CompletionItem {
                label: name.to_string(),
                kind: CompletionKind::Property,
                detail: Some(detail),
                insert_text,
                snippet: true,
                replace: None,
                filter_text: None,
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
        replace: None,
        filter_text: None,
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

/// Completion inside an expression (functions, parameters, variables, activities, fields), when
/// the offset is in one.
fn expression_items(
    ws: &Workspace,
    path: &str,
    text: &str,
    offset: usize,
) -> Option<Vec<CompletionItem>> {
    use crate::expr::ide::{completions, CompletionKind as K};
    let found = completions(text, offset, ws.model(path)?);
    (!found.is_empty()).then(|| {
        found
            .into_iter()
            .map(|c| CompletionItem {
                insert_text: c.label.clone(),
                label: c.label,
                kind: match c.kind {
                    K::Function => CompletionKind::Function,
                    K::Parameter => CompletionKind::Parameter,
                    K::Variable => CompletionKind::Variable,
                    K::Activity => CompletionKind::Activity,
                    K::Property => CompletionKind::Property,
                },
                detail: Some(c.detail),
                snippet: false,
                replace: word_around(text, offset, |c| c.is_alphanumeric() || c == '_'),
                filter_text: None,
            })
            .collect()
    })
}

/// Completion proposals at an offset of a file.
pub fn completion(ws: &Workspace, path: &str, offset: usize) -> Vec<CompletionItem> {
    let Some(text) = ws.text(path) else {
        return Vec::new();
    };
    if crate::parameterization::is_definition_file(path) {
        return super::parameterization::completion(text, offset, |items| {
            as_key_items(items, text, offset)
        })
        .unwrap_or_default();
    }
    if let Some(items) = expression_items(ws, path, text, offset) {
        return items;
    }
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
        At::InObject | At::Name(_) => {
            let items = argument_items(ws, path, &spot.frames, offset)
                .unwrap_or_else(|| property_items(frame));
            as_key_items(items, text, offset)
        }
        At::StringValue(prop) => {
            let items = (|| {
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
            })();
            // A value replaces the string's content, whatever the editor takes for a word.
            let span = word_around(text, offset, |c| !matches!(c, '"' | '\\' | '\n' | '\r'));
            items
                .into_iter()
                .map(|mut i| {
                    i.replace = span;
                    i
                })
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

/// The reference object whose arguments a `parameters` object holds: the object around it
/// (Dataset/LinkedService/DataFlow references), or, for pipelines, a `pipeline` or
/// `pipelineReference` beside it (ExecutePipeline, triggers).
fn reference_of<'t, 'a>(holder: &'t Object<'a>) -> Option<&'t Object<'a>> {
    if json::get(holder, "referenceName").is_some() {
        return Some(holder);
    }
    holder.properties.iter().find_map(|p| match &p.value {
        Value::Object(o)
            if json::get(o, "referenceName").is_some()
                && json::get_str(o, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("PipelineReference")) =>
        {
            Some(o)
        }
        _ => None,
    })
}

/// Inside the `parameters` object passed along a reference: the target's declared parameters
/// not given yet, those without a default (required) first.
fn argument_items(
    ws: &Workspace,
    path: &str,
    frames: &[Frame<'_, '_>],
    offset: usize,
) -> Option<Vec<CompletionItem>> {
    let [.., holder, args] = frames else {
        return None;
    };
    if !args
        .key
        .is_some_and(|k| k.eq_ignore_ascii_case("parameters"))
    {
        return None;
    }
    let reference = reference_of(holder.obj)?;
    let kind = reference_kind(json::get_str(reference, "type")?)?;
    let name = json::get_str(reference, "referenceName")?;
    let found = ws.lookup_from(path, kind, name);
    let params = found.first().and_then(|(_, e)| e.params.as_ref())?;
    // The name being typed at the cursor is not given yet.
    let given = |n: &str| {
        args.obj.properties.iter().any(|p| {
            let r = json::name_range(p);
            json::name(p).eq_ignore_ascii_case(n) && !(r.start <= offset && offset <= r.end)
        })
    };
    let mut items: Vec<(bool, CompletionItem)> = params
        .iter()
        .filter(|p| !given(&p.name))
        .map(|p| {
            let ty = p.ty.as_deref().unwrap_or("any");
            let value = match ty {
                "int" | "float" => "${1:0}",
                "bool" => "${1|true,false|}",
                "array" => "[$1]",
                "object" => "{$1}",
                _ => "\"$1\"",
            };
            let insert_text = format!("{}: {value}", json::quote(&p.name));
            let required = !p.has_default;
            (
                required,
                CompletionItem {
                    label: p.name.clone(),
                    kind: CompletionKind::Property,
                    detail: Some(format!(
                        "parameter of {} `{name}`: {ty}{}",
                        kind.words(),
                        if required {
                            ", required"
                        } else {
                            ", has a default"
                        }
                    )),
                    insert_text,
                    snippet: true,
                    replace: None,
                    filter_text: None,
                },
            )
        })
        .collect();
    items.sort_by_key(|(required, _)| std::cmp::Reverse(*required));
    Some(items.into_iter().map(|(_, i)| i).collect())
}
