//! Navigation over the model: definition, references, rename and the outline. These read file
//! models and the index; the names used inside expressions (`activity('X')`,
//! `pipeline().parameters.p`, `variables('v')`) are found by parsing the file's expressions.

use super::cancel::{Cancel, Cancelled};
use super::{touches, tree, Edit, Location, Symbol, SymbolKind, Target};
use crate::diagnostic::TextRange;
use crate::expr::ide::{name_uses, NameUse, UseForm, UseKind};
use crate::json::quote;
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
    /// A declared parameter of the entity at this index of the file.
    Param(usize, String),
    /// A variable of the pipeline at this index of the file.
    Variable(usize, String),
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
    if let Some(e) = model
        .entities
        .iter()
        .find(|e| touches(e.name_range, offset) && written_as_string(text, e.name_range, &e.name))
    {
        return Some((Sym::Entity(e.kind, e.name.clone()), e.name_range));
    }
    for (i, e) in model.entities.iter().enumerate() {
        if let Some(p) = e.params.iter().flatten().find(|p| touches(p.range, offset)) {
            return Some((Sym::Param(i, p.name.clone()), p.range));
        }
        if let Some(v) = e.variables.iter().find(|v| touches(v.range, offset)) {
            return Some((Sym::Variable(i, v.name.clone()), v.range));
        }
    }
    let u = name_uses(text?, model)
        .into_iter()
        .find(|u| touches(u.range, offset))?;
    Some((use_sym(&u), u.range))
}

fn use_sym(u: &NameUse) -> Sym {
    match u.kind {
        UseKind::Activity => Sym::Activity(u.entity, u.name.clone()),
        UseKind::Parameter => Sym::Param(u.entity, u.name.clone()),
        UseKind::Variable => Sym::Variable(u.entity, u.name.clone()),
    }
}

impl Sym {
    /// The name it stands for.
    pub(crate) fn name(&self) -> &str {
        match self {
            Sym::Entity(_, n) | Sym::Activity(_, n) | Sym::Param(_, n) | Sym::Variable(_, n) => n,
        }
    }
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
        Sym::Activity(i, name) => local_decls(ws, path, i, |e| activity_decls(e, &name).collect()),
        Sym::Param(i, name) => local_decls(ws, path, i, |e| {
            e.params
                .iter()
                .flatten()
                .filter(|p| same(&p.name, &name))
                .map(|p| p.range)
                .collect()
        }),
        Sym::Variable(i, name) => local_decls(ws, path, i, |e| {
            e.variables
                .iter()
                .filter(|v| same(&v.name, &name))
                .map(|v| v.range)
                .collect()
        }),
    }
}

/// Declarations inside the entity at index `i` of a file.
fn local_decls(
    ws: &Workspace,
    path: &str,
    i: usize,
    f: impl FnOnce(&Entity) -> Vec<TextRange>,
) -> Vec<Target> {
    ws.model(path)
        .and_then(|m| m.entities.get(i))
        .map(|e| {
            f(e).into_iter()
                .map(|range| Location {
                    path: path.to_string(),
                    range,
                })
                .collect()
        })
        .unwrap_or_default()
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

/// How a name is written at one of its places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A JSON string literal, quotes included.
    Json,
    /// Inside an expression: a bare identifier, or the content of a `'...'` string.
    Expr(UseForm),
}

/// Every place that names `sym` of file `path`, with how it is written there; polls `cancel`
/// once per file read.
fn occurrences(
    ws: &Workspace,
    path: &str,
    sym: &Sym,
    cancel: &Cancel,
) -> Result<Vec<(Location, Form)>, Cancelled> {
    let mut out = Vec::new();
    let at = |range: TextRange, form: Form| {
        (
            Location {
                path: path.to_string(),
                range,
            },
            form,
        )
    };
    match sym {
        Sym::Entity(kind, name) => {
            for (p, e) in ws.lookup_from(path, *kind, name) {
                if written_as_string(ws.text(p), e.name_range, &e.name) {
                    out.push((
                        Location {
                            path: p.to_string(),
                            range: e.name_range,
                        },
                        Form::Json,
                    ));
                }
            }
            for m in ws.scope_models(path) {
                cancel.check()?;
                let mut found = Vec::new();
                refs_in(m, *kind, name, &mut found);
                out.extend(found.into_iter().map(|l| (l, Form::Json)));
            }
        }
        Sym::Activity(i, name) | Sym::Param(i, name) | Sym::Variable(i, name) => {
            cancel.check()?;
            let Some(model) = ws.model(path) else {
                return Ok(out);
            };
            if let Some(e) = model.entities.get(*i) {
                match sym {
                    Sym::Activity(..) => {
                        for a in &e.activities {
                            if same(&a.name, name) {
                                out.push(at(a.name_range, Form::Json));
                            }
                            for d in a.depends_on.iter().filter(|d| same(&d.name, name)) {
                                out.push(at(d.range, Form::Json));
                            }
                        }
                    }
                    Sym::Param(..) => {
                        for p in e.params.iter().flatten().filter(|p| same(&p.name, name)) {
                            out.push(at(p.range, Form::Json));
                        }
                        // Arguments passed along references to this entity name it too.
                        for m in ws.scope_models(path) {
                            cancel.check()?;
                            let args = m
                                .refs
                                .iter()
                                .filter(|r| r.target == e.kind && same(&r.name, &e.name))
                                .flat_map(|r| r.args.iter().flatten())
                                .filter(|a| same(&a.name, name));
                            for a in args {
                                let l = Location {
                                    path: m.path.clone(),
                                    range: a.range,
                                };
                                out.push((l, Form::Json));
                            }
                        }
                    }
                    _ => {
                        for v in e.variables.iter().filter(|v| same(&v.name, name)) {
                            out.push(at(v.range, Form::Json));
                        }
                    }
                }
            }
            let kind = match sym {
                Sym::Activity(..) => UseKind::Activity,
                Sym::Param(..) => UseKind::Parameter,
                _ => UseKind::Variable,
            };
            if let Some(text) = ws.text(path) {
                for u in name_uses(text, model) {
                    if u.entity == *i && u.kind == kind && same(&u.name, name) {
                        let form = match u.form {
                            UseForm::JsonString => Form::Json,
                            f => Form::Expr(f),
                        };
                        out.push(at(u.range, form));
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// Every place that names the entity, activity, parameter or variable at the cursor
/// (declaration included, expressions included), sorted. Polls `cancel` once per file.
pub fn references(
    ws: &Workspace,
    path: &str,
    offset: usize,
    cancel: &Cancel,
) -> Result<Vec<Location>, Cancelled> {
    cancel.check()?;
    let Some((sym, _)) = symbol_at(ws, path, offset) else {
        return Ok(Vec::new());
    };
    Ok(occurrences(ws, path, &sym, cancel)?
        .into_iter()
        .map(|(l, _)| l)
        .collect())
}

/// Why a rename cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is on no entity or activity name.
    NothingHere,
    /// The new name is empty or blank.
    EmptyName,
    /// The new name cannot be written where the symbol is used (a parameter read as
    /// `pipeline().parameters.x` needs a name made of letters, digits, `_`, `$` and `-`), holds
    /// a control character, or is a name Data Factory refuses for the entity (`a/b`, `x.y`).
    InvalidName,
    /// The request was cancelled.
    Cancelled,
}

impl From<Cancelled> for RenameError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NothingHere => "no entity or activity name at this position",
            Self::EmptyName => "the new name is empty",
            Self::InvalidName => {
                "the new name is not allowed here (Data Factory's naming rules, or how the symbol is used)"
            }
            Self::Cancelled => "request cancelled",
        })
    }
}

/// The inside of a JSON string literal for `s` (no surrounding quotes).
pub(crate) fn json_inner(s: &str) -> String {
    let q = quote(s);
    q[1..q.len() - 1].to_string()
}

/// Whether a name can stand as a bare identifier after `.` in an expression.
pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '-'))
}

/// The edits that rename the entity, activity, parameter or variable at the cursor and every
/// reference to it (`dependsOn` and expressions included: only the name inside
/// `activity('...')`, `variables('...')` or after `pipeline().parameters.` changes). Names not
/// written as a string literal (taken from the file name, or computed by an ARM expression) are
/// left alone. Polls `cancel` once per file.
pub fn rename(
    ws: &Workspace,
    path: &str,
    offset: usize,
    new_name: &str,
    cancel: &Cancel,
) -> Result<Vec<Edit>, RenameError> {
    cancel.check()?;
    if new_name.trim().is_empty() {
        return Err(RenameError::EmptyName);
    }
    let Some((sym, _)) = symbol_at(ws, path, offset) else {
        return Err(RenameError::NothingHere);
    };
    // A name Data Factory would refuse, or one that breaks the JSON's lines, is no rename.
    if new_name.chars().any(char::is_control) {
        return Err(RenameError::InvalidName);
    }
    if let Sym::Entity(kind, _) = &sym {
        if crate::naming::problem(*kind, new_name).is_some() {
            return Err(RenameError::InvalidName);
        }
    }
    let name = sym.name().to_string();
    let mut edits = Vec::new();
    for (l, form) in occurrences(ws, path, &sym, cancel)? {
        let new_text = match form {
            Form::Json if written_as_string(ws.text(&l.path), l.range, &name) => quote(new_name),
            Form::Json => continue,
            Form::Expr(UseForm::Ident) if is_ident(new_name) => new_name.to_string(),
            Form::Expr(UseForm::Ident) => return Err(RenameError::InvalidName),
            Form::Expr(_) => json_inner(&new_name.replace('\'', "''")),
        };
        edits.push(Edit {
            path: l.path,
            range: l.range,
            new_text,
        });
    }
    Ok(edits)
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
