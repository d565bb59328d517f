//! Code actions for the findings of a file: take the suggested name, add a missing required
//! property or parameter argument, move an inline secret to a Key Vault reference.
//!
//! Architecture invariant: an action's title and edits never contain a secret's value (the
//! Key Vault action replaces the value without reading it).

use super::hover::root_kind;
use super::nav::{is_ident, json_inner};
use super::tree::locate;
use super::Edit;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::json;
use crate::json::quote;
use crate::model::FileModel;
use crate::rules;
use crate::Workspace;
use adf_catalog::{catalog, EntityKind, JsonType, PropDef};
use adf_syntax::ast::{Object, Value};

/// What an action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// Fixes a finding.
    QuickFix,
    /// Rewrites code without fixing a finding by itself.
    Refactor,
}

/// One code action: edits to apply together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    /// What the editor shows.
    pub title: String,
    /// What it does.
    pub kind: ActionKind,
    /// The name of the rule whose finding it fixes.
    pub rule: Option<&'static str>,
    /// The edits, applied together.
    pub edits: Vec<Edit>,
    /// Whether it is the obvious fix (an editor may apply it on "fix all").
    pub preferred: bool,
}

/// The code actions for the findings of a file that overlap `range`.
pub fn code_actions(ws: &Workspace, path: &str, range: TextRange) -> Vec<CodeAction> {
    let (Some(text), Some(report), Some(model)) = (ws.text(path), ws.report(path), ws.model(path))
    else {
        return Vec::new();
    };
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let Some(root) = parsed.value.as_ref() else {
        return Vec::new();
    };
    let cx = Cx {
        ws,
        path,
        text,
        root,
        model,
    };
    let mut out = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
    {
        if let Some(a) = cx.take_suggestion(d) {
            out.push(a);
        }
        let name = d.rule.name;
        if name == rules::missing_required_property::RULE.name {
            out.extend(cx.add_required(d));
        } else if name == rules::missing_parameter_argument::RULE.name {
            out.extend(cx.add_arguments(d));
        } else if name == rules::plaintext_secret::RULE.name {
            out.extend(cx.use_key_vault(d));
        }
    }
    out
}

/// What every action reads.
struct Cx<'w, 't, 'a> {
    ws: &'w Workspace,
    path: &'w str,
    text: &'w str,
    root: &'t Value<'a>,
    model: &'w FileModel,
}

fn edit(path: &str, range: TextRange, new_text: String) -> Edit {
    Edit {
        path: path.to_string(),
        range,
        new_text,
    }
}

fn quick_fix(d: &Diagnostic, title: String, edits: Vec<Edit>, preferred: bool) -> CodeAction {
    CodeAction {
        title,
        kind: ActionKind::QuickFix,
        rule: Some(d.rule.name),
        edits,
        preferred,
    }
}

/// Every object of a tree with its parent object (explicit stack; depth is bounded anyway).
fn objects<'t, 'a>(root: &'t Value<'a>) -> Vec<(&'t Object<'a>, Option<&'t Object<'a>>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value<'_>, Option<&Object<'_>>)> = vec![(root, None)];
    while let Some((v, parent)) = stack.pop() {
        match v {
            Value::Object(o) => {
                out.push((o, parent));
                stack.extend(o.properties.iter().map(|p| (&p.value, Some(o))));
            }
            Value::Array(a) => stack.extend(a.elements.iter().map(|e| (e, parent))),
            _ => {}
        }
    }
    out
}

/// The indentation of the line `offset` is on, and whether only whitespace precedes it there.
fn indent_at(text: &str, offset: usize) -> (&str, bool) {
    let before = text.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let head = &before[line_start..];
    let indent_len = head.len() - head.trim_start().len();
    (&head[..indent_len], head.trim().is_empty())
}

/// One level of indentation as the file writes it (the first indented line's), else 4 spaces.
fn indent_unit(text: &str) -> &str {
    text.lines()
        .map(|l| &l[..l.len() - l.trim_start().len()])
        .find(|i| !i.is_empty())
        .unwrap_or("    ")
}

/// The edit that adds `props` (name, JSON value text) to an object, matching the file's layout:
/// on new lines indented like the last property when it stands on its own line, else inline.
fn insert_properties(
    path: &str,
    text: &str,
    obj: &Object<'_>,
    props: &[(String, String)],
) -> Option<Edit> {
    let members: Vec<String> = props
        .iter()
        .map(|(n, v)| format!("{}: {v}", quote(n)))
        .collect();
    if let Some(last) = obj.properties.last() {
        let (indent, own_line) = indent_at(text, last.range.start);
        let at = last.range.end;
        let new_text = if own_line {
            members
                .iter()
                .map(|m| format!(",\n{indent}{m}"))
                .collect::<String>()
        } else {
            members.iter().map(|m| format!(", {m}")).collect::<String>()
        };
        return Some(edit(path, TextRange::new(at, at), new_text));
    }
    let open = obj.range.start;
    if text.get(open..open + 1) != Some("{") {
        return None;
    }
    let inner = text
        .get(open + 1..obj.range.end.saturating_sub(1))
        .unwrap_or("");
    if inner.contains('\n') {
        let (indent, _) = indent_at(text, open);
        let unit = indent_unit(text);
        let body = members.join(&format!(",\n{indent}{unit}"));
        let range = TextRange::new(open + 1, obj.range.end.saturating_sub(1).max(open + 1));
        Some(edit(
            path,
            range,
            format!("\n{indent}{unit}{body}\n{indent}"),
        ))
    } else {
        Some(edit(
            path,
            TextRange::new(open + 1, open + 1),
            members.join(", "),
        ))
    }
}

/// A placeholder value for a property by its JSON type; objects get their own required
/// properties (a few levels deep), so the placeholder does not itself lack one.
fn placeholder(name: &str, pd: Option<&PropDef>, depth: usize) -> String {
    match pd.and_then(|p| p.types.first()) {
        Some(JsonType::Object) => {
            let def = pd
                .and_then(|p| p.object)
                .and_then(|id| catalog().object(id));
            let Some(def) = def.filter(|d| d.variants.is_empty() && depth < 4) else {
                return "{}".to_string();
            };
            let members: Vec<String> = def
                .required
                .iter()
                .map(|r| {
                    format!(
                        "{}: {}",
                        quote(r),
                        placeholder(r, def.properties.get(r), depth + 1)
                    )
                })
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        Some(JsonType::Array) => "[]".to_string(),
        Some(JsonType::Boolean) => "false".to_string(),
        Some(JsonType::Integer) | Some(JsonType::Number) => "0".to_string(),
        Some(JsonType::Null) => "null".to_string(),
        // `<...>` is a placeholder that no rule judges.
        Some(JsonType::String) | None => quote(&format!("<{name}>")),
    }
}

/// A placeholder argument for a declared parameter type.
fn argument_placeholder(name: &str, ty: Option<&str>) -> String {
    match ty.map(str::to_ascii_lowercase).as_deref() {
        Some("int") => "0".to_string(),
        Some("float") => "0.0".to_string(),
        Some("bool") => "false".to_string(),
        Some("array") => "[]".to_string(),
        Some("object") => "{}".to_string(),
        _ => quote(&format!("<{name}>")),
    }
}

/// A Key Vault secret name from free text: letters, digits and dashes only.
fn secret_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}

impl Cx<'_, '_, '_> {
    /// "Did you mean": writes the suggested name in the form the span has (a JSON string, a
    /// string inside an expression, or a bare name in an expression).
    fn take_suggestion(&self, d: &Diagnostic) -> Option<CodeAction> {
        let name = d.suggestion.as_deref()?;
        let span = self.text.get(d.range.start..d.range.end)?;
        let new_text = if span.len() >= 2 && span.starts_with('"') && span.ends_with('"') {
            quote(name)
        } else if span.len() >= 2 && span.starts_with('\'') && span.ends_with('\'') {
            format!("'{}'", json_inner(&name.replace('\'', "''")))
        } else if is_ident(span) && is_ident(name) {
            name.to_string()
        } else {
            return None;
        };
        Some(quick_fix(
            d,
            format!("Change to `{name}`"),
            vec![edit(self.path, d.range, new_text)],
            true,
        ))
    }

    /// Adds each missing required property of the object the finding points at.
    fn add_required(&self, d: &Diagnostic) -> Vec<CodeAction> {
        // The object starts at the finding (array elements, the root), or the property whose
        // name the finding points at holds it.
        let all = objects(self.root);
        let obj = all.iter().find_map(|(o, _)| {
            if o.range.start == d.range.start {
                return Some(*o);
            }
            o.properties.iter().find_map(|p| match &p.value {
                Value::Object(v) if TextRange::from(json::name_range(p)) == d.range => Some(v),
                _ => None,
            })
        });
        let Some(obj) = obj else {
            return Vec::new();
        };
        let spot = locate(
            self.text,
            self.root,
            root_kind(self.ws, self.path),
            obj.range.start + 1,
        );
        let Some(frame) = spot.frames.last().filter(|f| std::ptr::eq(f.obj, obj)) else {
            return Vec::new();
        };
        let mut required: Vec<&str> = frame
            .def
            .into_iter()
            .chain(frame.variant)
            .flat_map(|d| d.required.iter().map(String::as_str))
            .filter(|r| json::get(obj, r).is_none())
            .collect();
        required.dedup();
        required
            .into_iter()
            .filter_map(|r| {
                let value = placeholder(r, frame.prop(r), 0);
                let e = insert_properties(self.path, self.text, obj, &[(r.to_string(), value)])?;
                Some(quick_fix(
                    d,
                    format!("Add required property `{r}`"),
                    vec![e],
                    true,
                ))
            })
            .collect()
    }

    /// Passes every parameter the target declares without a default and the reference leaves
    /// out, in the reference's `parameters` object (created if absent).
    fn add_arguments(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let Some(r) = self.model.refs.iter().find(|r| r.range == d.range) else {
            return Vec::new();
        };
        let found = self.ws.lookup_from(self.path, r.target, &r.name);
        let Some(params) = found.first().and_then(|(_, e)| e.params.as_ref()) else {
            return Vec::new();
        };
        let passed = |name: &str| {
            r.args
                .iter()
                .flatten()
                .any(|a| a.name.eq_ignore_ascii_case(name))
        };
        let missing: Vec<(String, String)> = params
            .iter()
            // A pipeline target is reported only for the parameters its callee needs.
            .filter(|p| {
                !p.has_default
                    && !passed(&p.name)
                    && (r.target != EntityKind::Pipeline || p.null_use.is_some())
            })
            .map(|p| {
                (
                    p.name.clone(),
                    argument_placeholder(&p.name, p.ty.as_deref()),
                )
            })
            .collect();
        if missing.is_empty() {
            return Vec::new();
        }
        let all = objects(self.root);
        let Some((reference, parent)) = all.iter().find(|(o, _)| {
            json::get(o, "referenceName")
                .is_some_and(|p| TextRange::from(json::range(&p.value)) == d.range)
        }) else {
            return Vec::new();
        };
        // Pipelines take their arguments next to the reference (ExecutePipeline, triggers).
        let holder = match (json::get_obj(reference, "parameters"), parent) {
            (Some(_), _) => *reference,
            (None, Some(p)) if r.target == EntityKind::Pipeline => p,
            _ => *reference,
        };
        let e = match json::get_obj(holder, "parameters") {
            Some(params) => insert_properties(self.path, self.text, params, &missing),
            None => {
                let members: Vec<String> = missing
                    .iter()
                    .map(|(n, v)| format!("{}: {v}", quote(n)))
                    .collect();
                let value = format!("{{{}}}", members.join(", "));
                insert_properties(
                    self.path,
                    self.text,
                    holder,
                    &[("parameters".to_string(), value)],
                )
            }
        };
        let names: Vec<String> = missing.iter().map(|(n, _)| format!("`{n}`")).collect();
        let noun = if names.len() == 1 {
            "argument"
        } else {
            "arguments"
        };
        e.map(|e| {
            vec![quick_fix(
                d,
                format!("Pass missing {noun} {}", names.join(", ")),
                vec![e],
                true,
            )]
        })
        .unwrap_or_default()
    }

    /// One action per Key Vault linked service of the scope: replace the secret's value with a
    /// reference to a secret named after the entity and the property.
    fn use_key_vault(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let contains = |r: TextRange| r.start <= d.range.start && d.range.end <= r.end;
        // The property whose value holds the secret: a string, or a SecureString object.
        let found = objects(self.root).into_iter().find_map(|(o, _)| {
            o.properties.iter().find(|p| match &p.value {
                Value::StringLit(s) => contains(s.range.into()),
                Value::Object(v) => {
                    json::get_str(v, "type").is_some_and(|t| t.eq_ignore_ascii_case("SecureString"))
                        && contains(v.range.into())
                }
                _ => false,
            })
        });
        let Some(prop) = found else {
            return Vec::new();
        };
        let entity = self
            .model
            .entities
            .iter()
            .filter(|e| e.range.start <= d.range.start && d.range.end <= e.range.end)
            .min_by_key(|e| e.range.end - e.range.start)
            .map_or("secret", |e| e.name.as_str());
        let secret = secret_name(&format!("{entity}-{}", json::name(prop)));
        let value_range: TextRange = json::range(&prop.value).into();
        let mut vaults: Vec<&str> = self
            .ws
            .scope_models(self.path)
            .into_iter()
            .flat_map(|m| m.entities.iter())
            .filter(|e| {
                e.kind == EntityKind::LinkedService
                    && e.type_name
                        .as_deref()
                        .is_some_and(|t| t.eq_ignore_ascii_case("AzureKeyVault"))
            })
            .map(|e| e.name.as_str())
            .collect();
        vaults.sort_unstable();
        vaults.dedup();
        vaults
            .into_iter()
            .map(|kv| {
                let new_text = format!(
                    "{{\"type\": \"AzureKeyVaultSecret\", \"store\": {{\"referenceName\": {}, \"type\": \"LinkedServiceReference\"}}, \"secretName\": {}}}",
                    quote(kv),
                    quote(&secret)
                );
                CodeAction {
                    title: format!(
                        "Replace with secret '{secret}' from Key Vault '{kv}' (store the value in the vault first)"
                    ),
                    kind: ActionKind::QuickFix,
                    rule: Some(d.rule.name),
                    edits: vec![edit(self.path, value_range, new_text)],
                    preferred: false,
                }
            })
            .collect()
    }
}
