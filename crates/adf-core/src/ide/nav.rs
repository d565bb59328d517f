//! Navigation over the model: definition, references, rename and the outline. These read only
//! file models and the index, never a syntax tree (except the outline, for activity extents).

use super::{touches, tree, Edit, Location, Symbol, SymbolKind, Target};
use crate::diagnostic::TextRange;
use crate::model::{Entity, FileModel};
use crate::Workspace;
use adf_catalog::EntityKind;

/// What the cursor names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sym {
    /// An entity, by kind and name.
    Entity(EntityKind, String),
    /// An activity of the entity at this index of the file.
    Activity(usize, String),
}

/// Whether a range of the text holds the name as a JSON string (a name taken from the file name
/// or computed by an ARM expression is not written there, so it cannot be renamed in place).
fn written_as_string(text: Option<&str>, range: TextRange, name: &str) -> bool {
    let Some(slice) = text.and_then(|t| t.get(range.start..range.end)) else {
        return text.is_none();
    };
    slice.len() >= 2
        && slice.starts_with('"')
        && slice.ends_with('"')
        && slice[1..slice.len() - 1].to_lowercase() == name.to_lowercase()
}

/// The symbol at an offset of a file, and the range of the name there.
pub(crate) fn symbol_at(ws: &Workspace, path: &str, offset: usize) -> Option<(Sym, TextRange)> {
    let model = ws.model(path)?;
    let text = ws.text(path);
    for (i, e) in model.entities.iter().enumerate() {
        for a in &e.activities {
            if touches(a.name_range, offset) && written_as_string(text, a.name_range, &a.name) {
                return Some((Sym::Activity(i, a.name.clone()), a.name_range));
            }
            if let Some(d) = a.depends_on.iter().find(|d| touches(d.range, offset)) {
                return Some((Sym::Activity(i, d.name.clone()), d.range));
            }
        }
    }
    if let Some(r) = model.refs.iter().find(|r| touches(r.range, offset)) {
        return Some((Sym::Entity(r.target, r.name.clone()), r.range));
    }
    model
        .entities
        .iter()
        .find(|e| touches(e.name_range, offset) && written_as_string(text, e.name_range, &e.name))
        .map(|e| (Sym::Entity(e.kind, e.name.clone()), e.name_range))
}

fn same(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

fn activity_decls<'m>(e: &'m Entity, name: &'m str) -> impl Iterator<Item = TextRange> + 'm {
    e.activities
        .iter()
        .filter(move |a| same(&a.name, name))
        .map(|a| a.name_range)
}

/// Where the entity or activity at the cursor is declared: a reference site (v2 `referenceName`,
/// v1 bare names) leads to the target entity's name, a `dependsOn` entry to the activity.
pub fn definition(ws: &Workspace, path: &str, offset: usize) -> Vec<Target> {
    let Some((sym, _)) = symbol_at(ws, path, offset) else {
        return Vec::new();
    };
    match sym {
        Sym::Entity(kind, name) => ws
            .lookup_from(path, kind, &name)
            .into_iter()
            .map(|(p, e)| Location {
                path: p.to_string(),
                range: e.name_range,
            })
            .collect(),
        Sym::Activity(i, name) => ws
            .model(path)
            .and_then(|m| m.entities.get(i))
            .map(|e| {
                activity_decls(e, &name)
                    .map(|range| Location {
                        path: path.to_string(),
                        range,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn refs_in(model: &FileModel, kind: EntityKind, name: &str, out: &mut Vec<Location>) {
    for r in &model.refs {
        if r.target == kind && same(&r.name, name) {
            out.push(Location {
                path: model.path.clone(),
                range: r.range,
            });
        }
    }
}

/// Every place that names the entity or activity at the cursor (declaration included), sorted.
pub fn references(ws: &Workspace, path: &str, offset: usize) -> Vec<Location> {
    let Some((sym, _)) = symbol_at(ws, path, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match &sym {
        Sym::Entity(kind, name) => {
            for (p, e) in ws.lookup_from(path, *kind, name) {
                if written_as_string(ws.text(p), e.name_range, &e.name) {
                    out.push(Location {
                        path: p.to_string(),
                        range: e.name_range,
                    });
                }
            }
            for m in ws.scope_models(path) {
                refs_in(m, *kind, name, &mut out);
            }
        }
        Sym::Activity(i, name) => {
            if let Some(e) = ws.model(path).and_then(|m| m.entities.get(*i)) {
                for a in &e.activities {
                    if same(&a.name, name) {
                        out.push(Location {
                            path: path.to_string(),
                            range: a.name_range,
                        });
                    }
                    for d in a.depends_on.iter().filter(|d| same(&d.name, name)) {
                        out.push(Location {
                            path: path.to_string(),
                            range: d.range,
                        });
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A string as a JSON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Why a rename cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is on no entity or activity name.
    NothingHere,
    /// The new name is empty or blank.
    EmptyName,
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NothingHere => "no entity or activity name at this position",
            Self::EmptyName => "the new name is empty",
        })
    }
}

/// The edits that rename the entity or activity at the cursor and every reference to it
/// (`dependsOn` included). Names not written as a string literal (taken from the file name, or
/// computed by an ARM expression) are left alone.
pub fn rename(
    ws: &Workspace,
    path: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, RenameError> {
    if new_name.trim().is_empty() {
        return Err(RenameError::EmptyName);
    }
    let Some((sym, _)) = symbol_at(ws, path, offset) else {
        return Err(RenameError::NothingHere);
    };
    let name = match &sym {
        Sym::Entity(_, n) | Sym::Activity(_, n) => n.clone(),
    };
    let new_text = quote(new_name);
    Ok(references(ws, path, offset)
        .into_iter()
        .filter(|l| written_as_string(ws.text(&l.path), l.range, &name))
        .map(|l| Edit {
            path: l.path,
            range: l.range,
            new_text: new_text.clone(),
        })
        .collect())
}

/// The outline of a file: its entities, with a pipeline's activities nested as in the file.
pub fn document_symbols(ws: &Workspace, path: &str) -> Vec<Symbol> {
    let Some(model) = ws.model(path) else {
        return Vec::new();
    };
    let extents = ws.text(path).map(tree::object_extents).unwrap_or_default();
    let extent = |start: usize, fallback: TextRange| {
        extents
            .get(&start)
            .map_or(fallback, |end| TextRange::new(start, *end))
    };
    let mut out = Vec::new();
    for e in &model.entities {
        // Children first, in reverse, so each finished activity can move into its parent.
        let mut built: Vec<Option<Symbol>> = e
            .activities
            .iter()
            .map(|a| {
                let range = extent(a.range.start, a.range);
                let range = TextRange::new(
                    range.start.min(a.name_range.start),
                    range.end.max(a.name_range.end),
                );
                Some(Symbol {
                    name: a.name.clone(),
                    detail: a.type_name.clone(),
                    kind: SymbolKind::Activity,
                    range,
                    selection_range: a.name_range,
                    children: Vec::new(),
                })
            })
            .collect();
        let mut top = Vec::new();
        for i in (0..built.len()).rev() {
            let Some(sym) = built.get_mut(i).and_then(Option::take) else {
                continue;
            };
            let parent = e.activities.get(i).and_then(|a| a.parent);
            match parent
                .and_then(|p| built.get_mut(p))
                .and_then(Option::as_mut)
            {
                Some(p) => p.children.insert(0, sym),
                None => top.insert(0, sym),
            }
        }
        let range = TextRange::new(
            e.range.start.min(e.name_range.start),
            e.range.end.max(e.name_range.end),
        );
        out.push(Symbol {
            name: e.name.clone(),
            detail: e.type_name.clone(),
            kind: SymbolKind::Entity(e.kind),
            range,
            selection_range: e.name_range,
            children: top,
        });
    }
    out
}
