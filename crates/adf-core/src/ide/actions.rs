//! Code actions for the findings of a file: take the suggested name ("did you mean", any rule),
//! and whatever fix the finding's rule provides (its module holds it beside the check: add a
//! missing required property or parameter argument, move an inline secret to a Key Vault
//! reference). This module holds what fixes share: [`FixCx`] and the edit helpers.
//!
//! Architecture invariant: an action's title and edits never contain a secret's value (the
//! Key Vault fix replaces the value without reading it).

use super::hover::root_kind;
use super::nav::{is_ident, json_inner};
use super::tree::{locate, Spot};
use super::Edit;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::json::quote;
use crate::model::FileModel;
use crate::Workspace;
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
    let cx = FixCx {
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
        if let Some(fix) = d.rule.fix() {
            out.extend(fix(&cx, d));
        }
    }
    out
}

/// What every fix reads: the workspace, and the file of the finding with its tree and model.
pub(crate) struct FixCx<'w, 't, 'a> {
    /// The workspace (other files' entities, the scope's models).
    pub ws: &'w Workspace,
    /// The file of the finding.
    pub path: &'w str,
    /// Its text.
    pub text: &'w str,
    /// Its tree, parsed again for the actions.
    pub root: &'t Value<'a>,
    /// Its model.
    pub model: &'w FileModel,
}

/// A rule's fix: the code actions for one of its findings (a rule module provides it, the
/// registry in `rules/` names it, and [`code_actions`] asks the finding's rule).
pub(crate) type Fix = fn(&FixCx<'_, '_, '_>, &Diagnostic) -> Vec<CodeAction>;

impl<'t, 'a> FixCx<'_, 't, 'a> {
    /// Where `offset` is in the file's tree, with the catalog's shapes of the objects around it.
    pub(crate) fn locate(&self, offset: usize) -> Spot<'t, 'a> {
        locate(self.text, self.root, root_kind(self.ws, self.path), offset)
    }
}

/// One edit of a file.
pub(crate) fn edit(path: &str, range: TextRange, new_text: String) -> Edit {
    Edit {
        path: path.to_string(),
        range,
        new_text,
    }
}

/// A quick fix of a finding.
pub(crate) fn quick_fix(
    d: &Diagnostic,
    title: String,
    edits: Vec<Edit>,
    preferred: bool,
) -> CodeAction {
    CodeAction {
        title,
        kind: ActionKind::QuickFix,
        rule: Some(d.rule.name),
        edits,
        preferred,
    }
}

/// Every object of a tree with its parent object (explicit stack; depth is bounded anyway).
pub(crate) fn objects<'t, 'a>(
    root: &'t Value<'a>,
) -> Vec<(&'t Object<'a>, Option<&'t Object<'a>>)> {
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
pub(crate) fn insert_properties(
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

impl FixCx<'_, '_, '_> {
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
}
