//! Reads `activity('X')...` access chains against the documented output shapes
//! ([`adf_catalog::ACTIVITY_OUTPUTS`]): the editor's completion and hover and the three output
//! rules share this walk, so what completion offers is exactly what the rules accept.
//! [`activity_reads`] gives the model the calls themselves (what each activity reads).

use super::analyze::{is_call, literal};
use super::syntax::{Accessor, Expr, ExprKind};
use crate::model::{Activity, Entity, OutputSettings};
use adf_catalog::{
    activity_output, ActivityOutput, JsonType, OutputMember, Presence, Shape, ACTIVITY_RUN,
};
use std::ops::Range;

/// One step of an access chain, as far as a shape walk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step<'p> {
    /// `.name` or `['name']`, with the name's range.
    Name(&'p str, Range<usize>),
    /// `[expr]` with anything but a string literal.
    Index,
    /// `.` with no name yet (while typing).
    Empty,
}

/// The steps of an access path.
pub(crate) fn steps(path: &[Accessor]) -> Vec<Step<'_>> {
    path.iter()
        .map(|a| match a {
            Accessor::Member(i) if i.text.is_empty() => Step::Empty,
            Accessor::Member(i) => Step::Name(&i.text, i.range.clone()),
            Accessor::Index(Expr {
                kind: ExprKind::Str(s),
                range,
            }) => Step::Name(s, range.clone()),
            Accessor::Index(_) => Step::Index,
        })
        .collect()
}

/// The activity an `activity('name')` call names: the entity's activities of that name must
/// agree on one type with a documented output. Anything less certain gives `None`.
pub(crate) fn target<'e>(entity: &'e Entity, call: &Expr) -> Option<Resolved<'e>> {
    if !is_call(call, "activity") {
        return None;
    }
    let ExprKind::Call { args, .. } = &call.kind else {
        return None;
    };
    let [arg] = args.as_slice() else { return None };
    let name = literal(arg)?;
    resolve(entity, name)
}

/// The activity named `name` in `entity`, when its output is documented.
pub(crate) fn resolve<'e>(entity: &'e Entity, name: &str) -> Option<Resolved<'e>> {
    let found = entity.activities_named(name);
    let first = entity.activities.get(*found.first()?)?;
    let ty = first.type_name.as_deref()?;
    let same = found.iter().all(|i| {
        entity
            .activities
            .get(*i)
            .and_then(|a| a.type_name.as_deref())
            .is_some_and(|t| t.eq_ignore_ascii_case(ty))
    });
    if !same {
        return None;
    }
    Some(Resolved {
        activity: first,
        output: activity_output(ty),
    })
}

/// An activity whose run is being read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved<'e> {
    /// The activity.
    pub activity: &'e Activity,
    /// Its documented output, if any.
    pub output: Option<&'static ActivityOutput>,
}

/// Where a walk stands.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pos {
    /// On an object with this shape; `output` says it is the activity's `output` itself.
    Object {
        /// Its members.
        shape: &'static Shape,
        /// It is `activity('X').output`.
        output: bool,
    },
    /// On an array whose elements have this shape.
    Array(&'static Shape),
    /// Nothing is known.
    Unknown,
}

/// One member step taken on an object of known shape.
#[derive(Debug, Clone)]
pub(crate) struct Visit<'p> {
    /// The name as written and its range.
    pub name: &'p str,
    /// Its range.
    pub range: Range<usize>,
    /// The shape it was looked up in.
    pub shape: &'static Shape,
    /// The shape is the activity's `output`.
    pub output: bool,
    /// The member, if the shape documents it.
    pub member: Option<&'static OutputMember>,
}

/// Walks `steps` from `activity('X')`; returns the member steps taken on known shapes (the walk
/// stops at the first unknown member) and where it ends.
pub(crate) fn walk<'p>(r: &Resolved<'_>, steps: &[Step<'p>]) -> (Vec<Visit<'p>>, Pos) {
    let mut visits = Vec::new();
    let mut pos = Pos::Object {
        shape: &ACTIVITY_RUN,
        output: false,
    };
    let mut at_run = true;
    for step in steps {
        pos = match (pos, step) {
            (Pos::Object { shape, output }, Step::Name(name, range)) => {
                let member = shape.member(name);
                visits.push(Visit {
                    name,
                    range: range.clone(),
                    shape,
                    output,
                    member,
                });
                match member {
                    Some(m) if at_run && m.name == "output" => match r.output {
                        Some(o) => Pos::Object {
                            shape: o.shape,
                            output: true,
                        },
                        None => Pos::Unknown,
                    },
                    Some(m) => match (m.ty, m.shape) {
                        (JsonType::Array, Some(s)) => Pos::Array(s),
                        (JsonType::Object, Some(s)) => Pos::Object {
                            shape: s,
                            output: false,
                        },
                        _ => Pos::Unknown,
                    },
                    None => Pos::Unknown,
                }
            }
            (Pos::Array(s), Step::Index) => Pos::Object {
                shape: s,
                output: false,
            },
            _ => Pos::Unknown,
        };
        at_run = false;
        if matches!(pos, Pos::Unknown) {
            break;
        }
    }
    (visits, pos)
}

/// Whether a member can be in the output under these settings (`None`: not known).
pub(crate) fn present(m: &OutputMember, s: &OutputSettings) -> Option<bool> {
    match m.presence {
        Presence::Always => Some(true),
        Presence::FirstRowOnly => s.first_row_only.or_default(true),
        Presence::AllRows => s.first_row_only.or_default(true).map(|b| !b),
        Presence::WaitOnCompletion => s.wait_on_completion.or_default(true),
        Presence::Requested => s
            .field_list
            .as_ref()
            .map(|l| l.iter().any(|f| f.eq_ignore_ascii_case(m.name))),
    }
}

/// The members worth proposing at `pos`: the documented ones the settings do not rule out.
pub(crate) fn proposals(r: &Resolved<'_>, pos: Pos) -> Vec<&'static OutputMember> {
    match pos {
        Pos::Object { shape, output } => shape
            .all()
            .filter(|m| !output || present(m, &r.activity.output_settings) != Some(false))
            .collect(),
        _ => Vec::new(),
    }
}

/// Markdown for a member: its type, what it holds and its source.
pub(crate) fn describe(m: &OutputMember) -> String {
    format!(
        "`{}`: {}\n\n{}\n\n[source]({})",
        m.name,
        m.ty.name(),
        m.doc,
        m.source
    )
}

/// The `activity('X')` calls of one property string, each as (name, the first member read after
/// it in lower case: `output`, `status`, `error`, or empty), found by the expression parser.
pub(crate) fn activity_reads(text: &str, out: &mut Vec<(String, String)>) {
    // Only an expression (`@...`, `@{...}`) can call `activity()`; most strings hold no `@`.
    if !text.as_bytes().contains(&b'@') {
        return;
    }
    let template = super::syntax::parse_template(text);
    // Iterative: the parser bounds the depth, the walk need not add to the stack.
    let mut stack: Vec<&Expr> = template.exprs.iter().collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Call { name, args, .. } => {
                let called = match args.as_slice() {
                    [arg] if name.text.eq_ignore_ascii_case("activity") => literal(arg),
                    _ => None,
                };
                match called {
                    Some(n) => out.push((n.to_string(), String::new())),
                    None => stack.extend(args.iter()),
                }
            }
            ExprKind::Access { target, path } => {
                let called = match &target.kind {
                    ExprKind::Call { args, .. } if is_call(target, "activity") => {
                        args.first().and_then(literal)
                    }
                    _ => None,
                };
                match called {
                    Some(n) => {
                        let member = match steps(path).first() {
                            Some(Step::Name(m, _)) => m.to_ascii_lowercase(),
                            _ => String::new(),
                        };
                        out.push((n.to_string(), member));
                    }
                    None => stack.push(target),
                }
                for step in path {
                    if let Accessor::Index(ix) = step {
                        stack.push(ix);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod reads_tests {
    use super::activity_reads;

    #[test]
    fn activity_calls_are_found_by_the_parser_with_the_member_read() {
        let mut out = Vec::new();
        activity_reads(
            "@if(equals(activity('Copy').Status, 'Failed'), activity('Log')?.output.x, activity( 'Plain' ))",
            &mut out,
        );
        activity_reads(
            "plain text mentioning activity('NotAnExpression')",
            &mut out,
        );
        activity_reads("@{activity('Inner').error.message}", &mut out);
        out.sort();
        assert_eq!(
            out,
            [
                ("Copy".to_string(), "status".to_string()),
                ("Inner".to_string(), "error".to_string()),
                ("Log".to_string(), "output".to_string()),
                ("Plain".to_string(), String::new()),
            ]
        );
    }
}
