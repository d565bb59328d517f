//! Where a pipeline's parameters would break a run if they were null: the facts the
//! missing-parameter-argument rule reads of a callee pipeline, kept on its [`Param`]s.
//!
//! A caller that omits a parameter without default starts the run anyway and the parameter is
//! null. That only fails where the value meets something that rejects null, so this records,
//! per parameter, the first such place. The definition is deliberately narrow (when in doubt,
//! nothing is recorded):
//! - the parameter (`pipeline().parameters.x`, nothing after it) is a direct argument of a
//!   function on the catalog's null-intolerant list, at the listed position; or
//! - it is the whole value of a property the catalog says its object requires.
//!
//! A use does not count when it is guarded:
//! - it sits anywhere inside `coalesce`, `empty`, `equals` or `if` (they test or replace null);
//! - its activity is nested in an IfCondition or Switch whose condition reads the parameter.

use super::sites::{self, Slot};
use super::syntax::{parse_template, Expr, ExprKind};
use crate::expr::analyze::{ancestors, whole};
use crate::expr::params::{param_ref, ParamRef};
use crate::model::{Entity, NullPlace, NullUse};
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::Object;

/// Functions whose arguments test or replace null, so a parameter inside them is guarded.
const GUARDS: &[&str] = &["coalesce", "empty", "equals", "if"];

/// Records on `entity`'s parameters where each would fail the run when null (v2 pipelines);
/// `arm` says the entity is a resource of an ARM template.
pub(crate) fn annotate(obj: &Object<'_>, entity: &mut Entity, arm: bool) {
    if entity.kind != EntityKind::Pipeline || entity.dialect != Dialect::V2 {
        return;
    }
    let Some(params) = &entity.params else { return };
    // Only a parameter a caller may omit is ever null for want of an argument.
    if params.iter().all(|p| p.has_default) {
        return;
    }
    let collected = sites::collect(obj, entity, arm);
    // The text of an ARM expression string is not what Data Factory evaluates: not judged.
    let mut sites: Vec<&sites::Site<'_, '_>> = collected.sites.iter().filter(|s| !s.arm).collect();
    sites.sort_by_key(|s| s.lit.range.start);
    let parsed: Vec<_> = sites.iter().map(|s| parse_template(&s.lit.value)).collect();

    // Activities whose condition reads a parameter guard everything nested in them.
    let mut guarding: Vec<(usize, String)> = Vec::new();
    for (site, template) in sites.iter().zip(&parsed) {
        let Some(a) = site.activity.filter(|_| site.slot == Slot::Condition) else {
            continue;
        };
        for e in &template.exprs {
            let mut names = Vec::new();
            reads(e, &mut names);
            guarding.extend(names.into_iter().map(|n| (a, n)));
        }
    }

    let mut found: Vec<(String, NullUse)> = Vec::new();
    for (site, template) in sites.iter().zip(&parsed) {
        let Some(a) = site.activity else { continue };
        let Some(activity) = entity.activities.get(a) else {
            continue;
        };
        let mut uses: Vec<(String, NullPlace)> = Vec::new();
        if let (Some(key), Some(e)) = (site.required, whole(template)) {
            if let Some(name) = own_param(e) {
                uses.push((name.to_string(), NullPlace::Property(key.to_string())));
            }
        }
        for e in &template.exprs {
            unguarded_calls(e, false, &mut uses);
        }
        let outer = ancestors(entity, a);
        for (name, place) in uses {
            let lname = name.to_lowercase();
            let guarded = guarding
                .iter()
                .any(|(g, n)| outer.contains(g) && n.to_lowercase() == lname);
            if guarded || found.iter().any(|(n, _)| n.to_lowercase() == lname) {
                continue;
            }
            found.push((
                name,
                NullUse {
                    activity: activity.name.clone(),
                    place,
                },
            ));
        }
    }
    if let Some(params) = &mut entity.params {
        for p in params.iter_mut().filter(|p| !p.has_default) {
            p.null_use = found
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&p.name))
                .map(|(_, u)| u.clone());
        }
    }
}

/// The parameter an expression is exactly (`pipeline().parameters.x`), if it is one.
fn own_param(e: &Expr) -> Option<&str> {
    let ExprKind::Access { target, path } = &e.kind else {
        return None;
    };
    if path.len() != 2 {
        return None;
    }
    match param_ref(EntityKind::Pipeline, target, path)? {
        ParamRef::Own(name, _) => Some(name),
        ParamRef::Global(..) => None,
    }
}

/// Every parameter an expression reads (the parser bounds the depth, so recursion is bounded).
fn reads(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Call { args, .. } => args.iter().for_each(|a| reads(a, out)),
        ExprKind::Access { target, path } => {
            if let Some(ParamRef::Own(name, _)) = param_ref(EntityKind::Pipeline, target, path) {
                out.push(name.to_string());
            }
            reads(target, out);
            for step in path {
                if let super::syntax::Accessor::Index(i) = step {
                    reads(i, out);
                }
            }
        }
        _ => {}
    }
}

/// Parameters passed straight to a null-intolerant function outside any guard.
fn unguarded_calls(e: &Expr, guarded: bool, out: &mut Vec<(String, NullPlace)>) {
    match &e.kind {
        ExprKind::Call { name, args, .. } => {
            let lname = name.text.to_ascii_lowercase();
            let guarded = guarded || GUARDS.contains(&lname.as_str());
            if !guarded {
                if let Some(n) = adf_catalog::null_intolerant(&lname) {
                    if let Some(p) = args.get(n.arg).and_then(own_param) {
                        out.push((p.to_string(), NullPlace::Function(n.function.to_string())));
                    }
                }
            }
            for a in args {
                unguarded_calls(a, guarded, out);
            }
        }
        ExprKind::Access { target, path } => {
            unguarded_calls(target, guarded, out);
            for step in path {
                if let super::syntax::Accessor::Index(i) = step {
                    unguarded_calls(i, guarded, out);
                }
            }
        }
        _ => {}
    }
}
