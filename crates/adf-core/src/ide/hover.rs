//! Hover: what the catalog says of a property, or a summary of the entity a reference names.

use super::docs;
use super::nav::{symbol_at, Sym};
use super::tree::{locate, At, Frame};
use super::Hover;
use crate::classify::FileKind;
use crate::diagnostic::TextRange;
use crate::json;
use crate::Workspace;
use adf_catalog::{Dialect, EntityKind, PropDef};

/// The entity kind and dialect of a single-entity file (ARM templates have no single root shape).
pub(crate) fn root_kind(ws: &Workspace, path: &str) -> Option<(EntityKind, Dialect)> {
    let m = ws.model(path)?;
    match m.class?.kind {
        FileKind::Entity(kind) => Some((kind, m.entities.first()?.dialect)),
        _ => None,
    }
}

/// Markdown for the JSON types of a property.
pub(crate) fn types_text(pd: &PropDef) -> String {
    if pd.types.is_empty() {
        return "any".to_string();
    }
    pd.types
        .iter()
        .map(|t| format!("`{}`", t.name()))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Whether a property is required in the object's shape or variant.
pub(crate) fn is_required(frame: &Frame<'_, '_>, name: &str) -> bool {
    frame
        .def
        .into_iter()
        .chain(frame.variant)
        .flat_map(|d| d.required.iter())
        .any(|r| r.eq_ignore_ascii_case(name))
}

fn property_hover(frame: &Frame<'_, '_>, name: &str, pd: Option<&PropDef>) -> Option<String> {
    let shape = frame.variant.or(frame.def)?;
    let mut md = format!("**`{name}`**");
    if frame
        .discriminator()
        .is_some_and(|d| d.eq_ignore_ascii_case(name))
    {
        let n = frame.def.map_or(0, |d| d.variants.len());
        md.push_str(&format!(
            ": `string`, required\n\nThe type of this `{}`: one of {n} known types.",
            frame.def.map_or("", |d| d.name.as_str())
        ));
        return Some(md);
    }
    let pd = pd?;
    let required = if is_required(frame, name) {
        "required"
    } else {
        "optional"
    };
    md.push_str(&format!(
        ": {}, {required} in `{}`",
        types_text(pd),
        shape.name
    ));
    if !pd.enum_values.is_empty() {
        let values: Vec<String> = pd.enum_values.iter().map(|v| format!("`{v}`")).collect();
        md.push_str(&format!("\n\nAllowed values: {}", values.join(", ")));
    }
    if pd.expression {
        md.push_str("\n\nAn ADF expression (`@...`) may stand here.");
    }
    if pd.secret {
        md.push_str("\n\nHolds a secret: prefer a Key Vault reference.");
    }
    Some(md)
}

fn entity_hover(ws: &Workspace, path: &str, kind: EntityKind, name: &str) -> Option<String> {
    let found = ws.lookup_from(path, kind, name);
    let Some((file, e)) = found.first() else {
        return Some(format!(
            "{} `{name}`: not found in this factory",
            kind.words()
        ));
    };
    let mut md = format!("**{}** `{}`", kind.words(), e.name);
    if let Some(t) = &e.type_name {
        md.push_str(&format!("\n\ntype: `{t}`"));
    }
    if e.dialect == Dialect::V2 {
        if let Some(url) = docs::entity_page(kind, e.type_name.as_deref()) {
            md.push_str(&format!("\n\n[Documentation]({url})"));
        }
    }
    md.push_str(&format!("\n\nfile: `{file}`"));
    if found.len() > 1 {
        md.push_str(&format!("\n\n({} entities share this name)", found.len()));
    }
    Some(md)
}

/// Hover at an offset: a property's catalog facts (JSON types, required or not, allowed values,
/// whether an expression may stand there), or the summary of a referenced entity or activity.
pub fn hover(ws: &Workspace, path: &str, offset: usize) -> Option<Hover> {
    if crate::parameterization::is_definition_file(path) {
        return super::parameterization::hover(ws.text(path)?, offset);
    }
    if let Some((sym, range)) = symbol_at(ws, path, offset) {
        let markdown = match sym {
            Sym::Entity(kind, name) => entity_hover(ws, path, kind, &name)?,
            Sym::Activity(i, name) => {
                let e = ws.model(path)?.entities.get(i)?;
                let a = e
                    .activities
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&name));
                // On the activity's own name: what the pipeline reports if it fails.
                let outcome = e
                    .activities
                    .iter()
                    .position(|a| a.name_range == range)
                    .and_then(|i| crate::outcome::if_fails_text(e, i))
                    .map(|t| format!("\n\n{t}"))
                    .unwrap_or_default();
                let md = match a.and_then(|a| a.type_name.as_deref()) {
                    Some(t) => match docs::activity_page(t).filter(|_| e.dialect == Dialect::V2) {
                        Some(url) => format!(
                            "**activity** `{name}`\n\ntype: `{t}`\n\n[Documentation]({url})"
                        ),
                        None => format!("**activity** `{name}`\n\ntype: `{t}`"),
                    },
                    None => format!("**activity** `{name}`"),
                };
                md + &outcome
            }
            Sym::Param(i, name) => {
                let e = ws.model(path)?.entities.get(i)?;
                let p = e
                    .params
                    .iter()
                    .flatten()
                    .find(|p| p.name.eq_ignore_ascii_case(&name))?;
                let ty = p.ty.as_deref().unwrap_or("any");
                let default = if p.has_default {
                    ", with a default"
                } else {
                    ", no default"
                };
                format!(
                    "**parameter** `{}` of {} `{}`\n\ntype: `{ty}`{default}",
                    p.name,
                    e.kind.words(),
                    e.name
                )
            }
            Sym::Variable(i, name) => {
                let e = ws.model(path)?.entities.get(i)?;
                format!("**variable** `{name}` of pipeline `{}`", e.name)
            }
        };
        // A name inside an expression: the value of the whole property too, when computable.
        let value = ws
            .text(path)
            .zip(ws.model(path))
            .and_then(|(text, model)| crate::expr::ide::value_at(text, offset, model));
        let markdown = match value {
            Some(v) => format!("{markdown}\n\n{v}"),
            None => markdown,
        };
        return Some(Hover { markdown, range });
    }
    let text = ws.text(path)?;
    if let Some(h) = crate::expr::ide::hover(text, offset, ws.model(path)?) {
        return Some(Hover {
            markdown: h.text,
            range: h.range,
        });
    }
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let root = parsed.value.as_ref()?;
    let spot = locate(text, root, root_kind(ws, path), offset);
    let At::Name(prop) = spot.at else {
        return None;
    };
    let frame = spot.frames.last()?;
    let name = json::name(prop);
    let markdown = property_hover(frame, name, frame.prop(name))?;
    let range: TextRange = json::name_range(prop).into();
    Some(Hover { markdown, range })
}
