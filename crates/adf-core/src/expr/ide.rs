//! Editor queries inside expressions: completion, hover and go-to-definition. Pure functions of
//! a file's text, a byte offset and the file's model; they return plain data.

use super::analyze::mapping;
use super::outputs;
use super::sites::{self, Site};
use super::syntax::{parse_template, Accessor, Expr, ExprKind, Mapping};
use crate::diagnostic::TextRange;
use crate::expr::params::{param_ref, ParamRef};
use crate::expr::signature::arity;
use crate::model::{Entity, FileModel};
use adf_catalog::{function, EntityKind, OutputMember, ACTIVITY_RUN, FUNCTIONS, SYSTEM_VARIABLES};
use adf_syntax::ast::{Object, Value};
use adf_syntax::ParseOptions;

/// What a completion item stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// An expression function.
    Function,
    /// A declared parameter.
    Parameter,
    /// A pipeline variable.
    Variable,
    /// An activity name.
    Activity,
    /// A system variable or a member of a system object.
    Property,
}

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text to insert.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A short description (signature, type).
    pub detail: String,
}

/// Hover text for a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// What the text is about.
    pub range: TextRange,
    /// Markdown text.
    pub text: String,
}

/// Finds the object that starts at `start` (an entity's; iterative, depth is bounded anyway).
pub(crate) fn object_at<'t, 'a>(root: &'t Value<'a>, start: usize) -> Option<&'t Object<'a>> {
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if o.range.start == start {
                    return Some(o);
                }
                if o.range.start <= start && start < o.range.end {
                    stack.extend(o.properties.iter().map(|p| &p.value));
                }
            }
            Value::Array(a) if a.range.start <= start && start < a.range.end => {
                stack.extend(a.elements.iter());
            }
            _ => {}
        }
    }
    None
}

/// Runs `f` on the expression string under the cursor: its entity (model and JSON object),
/// site, mapping and the cursor's offset in the decoded value.
fn with_site<R>(
    text: &str,
    offset: usize,
    model: &FileModel,
    f: impl FnOnce(&Entity, &Object<'_>, &Site<'_, '_>, &Mapping, usize) -> Option<R>,
) -> Option<R> {
    let entity = model
        .entities
        .iter()
        .find(|e| e.range.start <= offset && offset <= e.range.end)?;
    let parsed = adf_syntax::parse(text, &ParseOptions::default());
    let root = parsed.value.as_ref()?;
    let obj = object_at(root, entity.range.start)?;
    let collected = sites::collect(obj, entity, is_arm(model));
    let site = collected
        .sites
        .iter()
        // An ARM expression's text is not the ADF expression: nothing in it can be pointed at.
        .filter(|s| !s.arm)
        .find(|s| s.lit.range.start < offset && offset < s.lit.range.end)?;
    let map = mapping(text, site.lit);
    let v = map.value_offset(offset);
    f(entity, obj, site, &map, v)
}

/// Whether the file is an ARM template (its entities are resources).
fn is_arm(model: &FileModel) -> bool {
    model
        .class
        .as_ref()
        .is_some_and(|c| c.kind == crate::classify::FileKind::ArmTemplate)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '$'
}

fn item(label: &str, kind: CompletionKind, detail: String) -> Completion {
    Completion {
        label: label.to_string(),
        kind,
        detail,
    }
}

fn signature(name: &str) -> String {
    match function(name) {
        Some(f) => {
            let args: Vec<&str> = f.args.iter().map(|t| t.as_str()).collect();
            format!(
                "{}({}) -> {} ({} argument{})",
                f.name,
                args.join(", "),
                f.result.as_str(),
                arity(f),
                if f.max == Some(1) && f.min == 1 {
                    ""
                } else {
                    "s"
                }
            )
        }
        None => name.to_string(),
    }
}

/// Completion proposals at `offset`, filtered by the partly typed name before the cursor.
pub fn completions(text: &str, offset: usize, model: &FileModel) -> Vec<Completion> {
    with_site(text, offset, model, |entity, _obj, site, _map, v| {
        let value: &str = &site.lit.value;
        let prefix = value.get(..v)?;
        let partial_len = prefix
            .chars()
            .rev()
            .take_while(|c| is_ident(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        let (before, partial) = prefix.split_at(prefix.len() - partial_len);
        let before_lc = before.to_ascii_lowercase();
        let partial_lc = partial.to_ascii_lowercase();
        let keep = |label: &str| label.to_ascii_lowercase().starts_with(&partial_lc);
        let mut out = Vec::new();
        let params = || entity.params.iter().flatten();
        if before_lc.ends_with("pipeline().parameters.") && entity.kind == EntityKind::Pipeline
            || before_lc.ends_with("dataset().") && entity.kind == EntityKind::Dataset
            || before_lc.ends_with("linkedservice().") && entity.kind == EntityKind::LinkedService
        {
            for p in params().filter(|p| keep(&p.name)) {
                let ty = p.ty.as_deref().unwrap_or("any");
                out.push(item(
                    &p.name,
                    CompletionKind::Parameter,
                    format!("parameter: {ty}"),
                ));
            }
        } else if let Some(sys) = ["pipeline", "trigger"]
            .into_iter()
            .find(|f| before_lc.ends_with(&format!("{f}().")))
        {
            for s in SYSTEM_VARIABLES
                .iter()
                .filter(|s| s.function == sys && keep(s.name))
            {
                out.push(item(s.name, CompletionKind::Property, s.doc.to_string()));
            }
        } else if before_lc.ends_with("variables('") {
            for var in entity.variables.iter().filter(|x| keep(&x.name)) {
                out.push(item(
                    &var.name,
                    CompletionKind::Variable,
                    "variable".to_string(),
                ));
            }
        } else if before_lc.ends_with("activity('") {
            for a in entity.activities.iter().filter(|a| keep(&a.name)) {
                let t = a.type_name.as_deref().unwrap_or("activity");
                out.push(item(&a.name, CompletionKind::Activity, t.to_string()));
            }
        } else if let Some(members) = output_members(entity, before) {
            for m in members.into_iter().filter(|m| keep(m.name)) {
                out.push(item(
                    m.name,
                    CompletionKind::Property,
                    format!("{}: {}", m.ty.name(), m.doc),
                ));
            }
        } else if !before.ends_with('.') && !before.ends_with('\'') {
            for f in FUNCTIONS.iter().filter(|f| keep(f.name)) {
                out.push(item(f.name, CompletionKind::Function, signature(f.name)));
            }
        }
        Some(out)
    })
    .unwrap_or_default()
}

/// The members to propose after an `activity('X')...` chain that `before` ends with (a `.` or
/// `?.` after it): the run's members after `activity('X').`, the documented output members
/// deeper down; `None` when `before` does not end with such a chain.
fn output_members(entity: &Entity, before: &str) -> Option<Vec<&'static OutputMember>> {
    let chain = before.strip_suffix('.')?;
    let chain = chain.strip_suffix('?').unwrap_or(chain).trim_end();
    let lc = chain.to_ascii_lowercase();
    let start = lc.rfind("activity(")?;
    let text = chain.get(start..)?;
    let template = parse_template(&format!("@{text}"));
    if !template.errors.is_empty() {
        return Some(Vec::new());
    }
    let e = template.exprs.first()?;
    let (call, path): (&Expr, &[Accessor]) = match &e.kind {
        ExprKind::Access { target, path } => (target, path),
        ExprKind::Call { .. } => (e, &[]),
        _ => return None,
    };
    if !super::analyze::is_call(call, "activity") {
        return None;
    }
    let Some(r) = outputs::target(entity, call) else {
        // The run's own members do not depend on the activity's type.
        return Some(if path.is_empty() {
            ACTIVITY_RUN.all().collect()
        } else {
            Vec::new()
        });
    };
    let (_, pos) = outputs::walk(&r, &outputs::steps(path));
    Some(outputs::proposals(&r, pos))
}

/// What the cursor is on inside an expression.
enum Target<'e> {
    Function(&'e str, std::ops::Range<usize>),
    Param(ParamRef<'e>),
    System(&'e str, &'e str, std::ops::Range<usize>),
    Variable(&'e str, std::ops::Range<usize>),
    Activity(&'e str, std::ops::Range<usize>),
    Output(&'static OutputMember, std::ops::Range<usize>),
}

fn contains(r: &std::ops::Range<usize>, v: usize) -> bool {
    r.start <= v && v <= r.end
}

/// The innermost thing under the cursor (the tree is at most 64 deep).
fn target_at<'e>(entity: &Entity, e: &'e Expr, v: usize) -> Option<Target<'e>> {
    let kind = entity.kind;
    if !contains(&e.range, v) {
        return None;
    }
    match &e.kind {
        ExprKind::Call { name, args, .. } => {
            if contains(&name.range, v) {
                return Some(Target::Function(&name.text, name.range.clone()));
            }
            if let Some(first) = args.first() {
                if let (ExprKind::Str(s), true) = (&first.kind, contains(&first.range, v)) {
                    if name.text.eq_ignore_ascii_case("variables") {
                        return Some(Target::Variable(s, first.range.clone()));
                    }
                    if name.text.eq_ignore_ascii_case("activity") {
                        return Some(Target::Activity(s, first.range.clone()));
                    }
                }
            }
            args.iter().find_map(|a| target_at(entity, a, v))
        }
        ExprKind::Access { target, path } => {
            if let Some(t) = target_at(entity, target, v) {
                return Some(t);
            }
            if let Some(r) = outputs::target(entity, target) {
                let (visits, _) = outputs::walk(&r, &outputs::steps(path));
                let hit = visits
                    .iter()
                    .find(|x| contains(&x.range, v))
                    .and_then(|x| x.member.map(|m| (m, x.range.clone())));
                if let Some((m, range)) = hit {
                    return Some(Target::Output(m, range));
                }
            }
            if let Some(p) = param_ref(kind, target, path) {
                let r = match &p {
                    ParamRef::Own(_, r) | ParamRef::Global(_, r) => r.clone(),
                };
                if contains(&r, v) {
                    return Some(Target::Param(p));
                }
            }
            for (i, step) in path.iter().enumerate() {
                match step {
                    Accessor::Member(m) if i == 0 && contains(&m.range, v) => {
                        for sys in ["pipeline", "trigger"] {
                            if super::analyze::is_call(target, sys) {
                                return Some(Target::System(sys, &m.text, m.range.clone()));
                            }
                        }
                    }
                    Accessor::Index(ix) => {
                        if let Some(t) = target_at(entity, ix, v) {
                            return Some(t);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}

fn find_target<R>(
    text: &str,
    offset: usize,
    model: &FileModel,
    f: impl FnOnce(&Entity, Target<'_>, &Mapping) -> Option<R>,
) -> Option<R> {
    with_site(text, offset, model, |entity, _obj, site, map, v| {
        let template = parse_template(&site.lit.value);
        let t = template
            .exprs
            .iter()
            .find_map(|e| target_at(entity, e, v))?;
        f(entity, t, map)
    })
}

/// Hover text for the function, parameter, variable, activity or system variable at `offset`,
/// followed by the value of the whole property when the entity's declared defaults are enough to
/// compute it (issue 19), with the inputs it assumed.
pub fn hover(text: &str, offset: usize, model: &FileModel) -> Option<Hover> {
    with_site(text, offset, model, |entity, obj, site, map, v| {
        let template = parse_template(&site.lit.value);
        let about = template
            .exprs
            .iter()
            .find_map(|e| target_at(entity, e, v))
            .and_then(|t| describe(entity, t));
        let value = value_with_defaults(entity, obj, &site.lit.value);
        let (range, text) = match (about, value) {
            (Some((r, t)), Some(value)) => (map.file_range(&r), format!("{t}\n\n{value}")),
            (Some((r, t)), None) => (map.file_range(&r), t),
            (None, Some(value)) => (site.lit.range.into(), value),
            (None, None) => return None,
        };
        Some(Hover { range, text })
    })
}

/// The value line of the expression string at `offset` (as in [`hover`]), for hosts that give
/// their own hover text for the name under the cursor.
pub fn value_at(text: &str, offset: usize, model: &FileModel) -> Option<String> {
    with_site(text, offset, model, |entity, obj, site, _map, _v| {
        value_with_defaults(entity, obj, &site.lit.value)
    })
}

/// The expression-valued string under the cursor, for evaluating it with inputs.
pub(crate) struct ExprSite {
    /// The property's decoded value.
    pub value: String,
    /// The string literal in the file (quotes included).
    pub range: TextRange,
    /// From the decoded value's byte offsets to the file's.
    pub map: Mapping,
    /// The inputs the entity's own JSON declares (parameter and variable defaults).
    pub defaults: crate::eval::Context,
}

/// The expression-valued string at `offset` (not an ARM template's expression), with the
/// entity's declared defaults.
pub(crate) fn expression_site(text: &str, offset: usize, model: &FileModel) -> Option<ExprSite> {
    with_site(text, offset, model, |entity, obj, site, map, _v| {
        Some(ExprSite {
            value: site.lit.value.to_string(),
            range: site.lit.range.into(),
            map: map.clone(),
            defaults: crate::eval::defaults::context_with_defaults(obj, entity.kind),
        })
    })
}

/// "value with defaults: ..." for a property value computable from the entity's declared
/// defaults alone (no clock, no random source, no run); `None` when any input it needs is not
/// declared or it fails.
fn value_with_defaults(entity: &Entity, obj: &Object<'_>, value: &str) -> Option<String> {
    let ctx = crate::eval::defaults::context_with_defaults(obj, entity.kind);
    let v = crate::eval::evaluate(value, &ctx).ok()?;
    if matches!(v, crate::eval::Value::Unknown(_)) {
        return None;
    }
    let json = v.to_json();
    let shown = crate::quote::clip(&json);
    let read = ctx.inputs_read();
    Some(if read.is_empty() {
        format!("value: `` {shown} ``")
    } else {
        let assumed: Vec<String> = read.iter().map(|r| format!("`{r}`")).collect();
        format!(
            "value with defaults: `` {shown} ``\n\nassumes the declared default of {}",
            assumed.join(", ")
        )
    })
}

/// The hover text of a target and its range in the value.
fn describe(entity: &Entity, t: Target<'_>) -> Option<(std::ops::Range<usize>, String)> {
    let (range, text) = match t {
        Target::Function(name, r) => {
            let f = function(name)?;
            (r, format!("`{}`\n\n{}", signature(f.name), f.doc))
        }
        Target::Param(ParamRef::Own(name, r)) => {
            let p = entity
                .params
                .iter()
                .flatten()
                .find(|p| p.name.eq_ignore_ascii_case(name))?;
            let ty = p.ty.as_deref().unwrap_or("any");
            (r, format!("parameter `{}`: {ty}", p.name))
        }
        Target::Param(ParamRef::Global(name, r)) => {
            (r, format!("global parameter `{name}` of the factory"))
        }
        Target::System(sys, name, r) => {
            let s = SYSTEM_VARIABLES
                .iter()
                .find(|s| s.function == sys && s.name.eq_ignore_ascii_case(name))?;
            (r, format!("`{sys}().{}`: {}", s.name, s.doc))
        }
        Target::Variable(name, r) => {
            let var = entity
                .variables
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(name))?;
            (r, format!("variable `{}`", var.name))
        }
        Target::Activity(name, r) => {
            let a = entity
                .activities
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name))?;
            let ty = a.type_name.as_deref().unwrap_or("activity");
            (r, format!("activity `{}` ({ty})", a.name))
        }
        Target::Output(m, r) => (r, outputs::describe(m)),
    };
    Some((range, text))
}

/// Where the parameter, variable or activity named at `offset` is declared (its name's range).
pub fn definition(text: &str, offset: usize, model: &FileModel) -> Option<TextRange> {
    find_target(text, offset, model, |entity, t, _map| match t {
        Target::Param(ParamRef::Own(name, _)) => entity
            .params
            .iter()
            .flatten()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.range),
        Target::Variable(name, _) => entity
            .variables
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(name))
            .map(|x| x.range),
        Target::Activity(name, _) => entity
            .activities
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.name_range),
        _ => None,
    })
}

/// What a name used in an expression stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseKind {
    /// `activity('X')`.
    Activity,
    /// `pipeline().parameters.X`, `dataset().X`, `linkedService().X`.
    Parameter,
    /// `variables('X')`, or a Set/AppendVariable `variableName`.
    Variable,
}

/// How a name is written where it is used, which decides how a new name is written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseForm {
    /// A bare identifier in an expression (`.X`).
    Ident,
    /// Inside an expression's single-quoted string (`'X'`); the range holds the name only.
    ExprString,
    /// A whole JSON string literal (`"X"`, quotes included in the range).
    JsonString,
}

/// A name of the entity's own activities, parameters or variables used in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameUse {
    /// The entity of the file the expression belongs to.
    pub entity: usize,
    /// What the name stands for.
    pub kind: UseKind,
    /// The name as written (decoded).
    pub name: String,
    /// Where the name is in the file.
    pub range: TextRange,
    /// How it is written.
    pub form: UseForm,
}

/// Walks one expression (depth is bounded by the parser's limit) for name uses.
fn uses_in(
    kind: EntityKind,
    e: &Expr,
    out: &mut Vec<(UseKind, String, std::ops::Range<usize>, UseForm)>,
) {
    match &e.kind {
        ExprKind::Call { name, args, .. } => {
            let k = if name.text.eq_ignore_ascii_case("activity") {
                Some(UseKind::Activity)
            } else if name.text.eq_ignore_ascii_case("variables") {
                Some(UseKind::Variable)
            } else {
                None
            };
            if let (Some(k), Some(first)) = (k, args.first()) {
                if let ExprKind::Str(s) = &first.kind {
                    if let Some(r) = string_content(s, &first.range) {
                        out.push((k, s.clone(), r, UseForm::ExprString));
                    }
                }
            }
            for a in args {
                uses_in(kind, a, out);
            }
        }
        ExprKind::Access { target, path } => {
            uses_in(kind, target, out);
            if let Some(ParamRef::Own(name, r)) = param_ref(kind, target, path) {
                let quoted = r.end > r.start && r.len() != name.len();
                let found = if quoted {
                    string_content(name, &r).map(|r| (r, UseForm::ExprString))
                } else {
                    Some((r, UseForm::Ident))
                };
                if let Some((r, form)) = found {
                    out.push((UseKind::Parameter, name.to_string(), r, form));
                }
            }
            for step in path {
                if let Accessor::Index(ix) = step {
                    uses_in(kind, ix, out);
                }
            }
        }
        _ => {}
    }
}

/// The value range of a single-quoted string's content, when it is written plainly (closed, no
/// doubled quotes), so that it can be replaced in place.
fn string_content(s: &str, r: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    (r.len() == s.len() + 2).then(|| r.start + 1..r.end - 1)
}

/// Every use of an entity's own activities, parameters and variables in the expressions of a
/// file (and the `variableName` of Set/AppendVariable activities), in no particular order.
pub fn name_uses(text: &str, model: &FileModel) -> Vec<NameUse> {
    let mut out = Vec::new();
    if !text.contains('@') && !text.contains("ariable") {
        return out;
    }
    let parsed = adf_syntax::parse(text, &ParseOptions::default());
    let Some(root) = parsed.value.as_ref() else {
        return out;
    };
    for (i, entity) in model.entities.iter().enumerate() {
        if entity.dialect == adf_catalog::Dialect::V1 {
            continue;
        }
        let Some(obj) = object_at(root, entity.range.start) else {
            continue;
        };
        let collected = sites::collect(obj, entity, is_arm(model));
        for site in collected.sites.iter().filter(|s| !s.arm) {
            let template = parse_template(&site.lit.value);
            let map = mapping(text, site.lit);
            let mut found = Vec::new();
            for e in &template.exprs {
                uses_in(entity.kind, e, &mut found);
            }
            out.extend(found.into_iter().map(|(kind, name, r, form)| NameUse {
                entity: i,
                kind,
                name,
                range: map.file_range(&r),
                form,
            }));
        }
        for (lit, _) in &collected.variable_targets {
            out.push(NameUse {
                entity: i,
                kind: UseKind::Variable,
                name: lit.value.to_string(),
                range: lit.range.into(),
                form: UseForm::JsonString,
            });
        }
    }
    out
}
