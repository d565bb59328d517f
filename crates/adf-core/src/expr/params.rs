//! Which parameter an expression's access chain reads: the rules and the editor queries share
//! this reading, so a rename finds exactly what `undefined-parameter` checks.

use super::analyze::is_call;
use super::syntax::{Accessor, Expr, ExprKind};
use adf_catalog::EntityKind;
use std::ops::Range;

/// The name a member step gives: `.X` or `['X']`.
pub(crate) fn step_name(step: &Accessor) -> Option<(&str, Range<usize>)> {
    match step {
        Accessor::Member(i) if !i.text.is_empty() => Some((i.text.as_str(), i.range.clone())),
        Accessor::Index(Expr {
            kind: ExprKind::Str(s),
            range,
        }) => Some((s.as_str(), range.clone())),
        _ => None,
    }
}

/// Which parameter an access chain reads, if any: (whose, name, value range).
pub(crate) enum ParamRef<'e> {
    /// `pipeline().parameters.X`, `dataset().X`, `linkedService().X` in their own entity.
    Own(&'e str, Range<usize>),
    /// `pipeline().globalParameters.X`.
    Global(&'e str, Range<usize>),
}

/// Reads an access chain as a parameter reference.
pub(crate) fn param_ref<'e>(
    kind: EntityKind,
    target: &Expr,
    path: &'e [Accessor],
) -> Option<ParamRef<'e>> {
    if is_call(target, "pipeline") {
        let (first, _) = step_name(path.first()?)?;
        let (name, range) = step_name(path.get(1)?)?;
        if first.eq_ignore_ascii_case("parameters") && kind == EntityKind::Pipeline {
            return Some(ParamRef::Own(name, range));
        }
        if first.eq_ignore_ascii_case("globalParameters") {
            return Some(ParamRef::Global(name, range));
        }
        return None;
    }
    let own = (is_call(target, "dataset") && kind == EntityKind::Dataset)
        || (is_call(target, "linkedService") && kind == EntityKind::LinkedService);
    if own {
        let (name, range) = step_name(path.first()?)?;
        return Some(ParamRef::Own(name, range));
    }
    None
}
