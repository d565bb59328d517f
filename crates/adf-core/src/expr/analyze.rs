//! Runs the single-file expression rules over one entity while its tree is at hand, and
//! records the uses of global parameters for the cross-file check.

use super::outputs;
use super::sites::{self, Site, Slot};
use super::syntax::{parse_template, Accessor, Expr, ExprKind, Mapping, Template};
use crate::arm::ArmContext;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::{Entity, Named};
use crate::rules::{
    activity_not_upstream, expression_too_long, expression_type_mismatch,
    global_parameter_outside_pipeline, invalid_expression, item_outside_foreach,
    lookup_output_mismatch, metadata_field_not_requested, pipeline_parameter_in_dataset,
    trigger_value_unavailable, undefined_parameter, undefined_variable, unknown_activity_reference,
    unknown_function, unknown_output_property, variable_reads_itself, wrong_argument_count,
};
use crate::steps::step;
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::{Object, StringLit};
use foldhash::{HashSet, HashSetExt};

/// Where an expression is, as the rules need it.
pub(crate) struct Cx<'e> {
    /// The entity it belongs to.
    pub entity: &'e Entity,
    /// Its innermost activity.
    pub activity: Option<usize>,
    /// Where in the activity.
    pub slot: Slot,
    /// Value offsets to file offsets.
    pub map: Mapping,
    /// The entity's parameters are written out (not computed by an ARM expression).
    pub params_known: bool,
    /// The string the expressions were parsed from (value offsets index it).
    pub value: &'e str,
}

impl Cx<'_> {
    /// The file range of a value range.
    pub fn range(&self, r: &std::ops::Range<usize>) -> TextRange {
        self.map.file_range(r)
    }
}

/// The mapping of a string literal's value to the file (its raw text sits between the quotes).
pub(crate) fn mapping(text: &str, lit: &StringLit<'_>) -> Mapping {
    let start = lit.range.start + 1;
    let end = lit.range.end.saturating_sub(1).max(start);
    Mapping::new(text.get(start..end).unwrap_or(""), start)
}

/// Checks the expressions of one entity; appends findings and global parameter uses. `arm`: the
/// entity is a resource of an ARM template, evaluated in this context.
pub(crate) fn check_entity(
    text: &str,
    obj: &Object<'_>,
    entity: &Entity,
    arm: Option<&ArmContext>,
    out: &mut Vec<Diagnostic>,
    global_uses: &mut Vec<Named>,
) {
    // v1 has its own expression language ($$Text.Format, SliceStart...), which is not judged.
    if entity.dialect == Dialect::V1 {
        return;
    }
    // Most entities hold no expression at all: skip the walk unless a string could be one or a
    // Set/Append Variable names its target.
    let has_at = text
        .get(obj.range.start..obj.range.end)
        .is_none_or(|t| t.contains('@'));
    let sets_variables = entity.activities.iter().any(|a| {
        matches!(
            a.type_name.as_deref(),
            Some("SetVariable" | "AppendVariable")
        )
    });
    if !has_at && !sets_variables {
        return;
    }
    let collected = sites::collect(obj, entity, arm.is_some());
    // `"parameters": "[parameters('x')]"` in an ARM template: the declarations are computed.
    let props = crate::json::get_obj(obj, "properties").unwrap_or(obj);
    let params_known = !matches!(
        crate::json::get(props, "parameters").map(|p| &p.value),
        Some(adf_syntax::ast::Value::StringLit(_))
    );
    for site in &collected.sites {
        check_site(text, site, entity, params_known, arm, out, global_uses);
    }
    if entity.kind == EntityKind::Pipeline {
        for (lit, activity) in &collected.variable_targets {
            undefined_variable::check_target(entity, lit, *activity, out);
        }
    }
}

fn check_site(
    text: &str,
    site: &Site<'_, '_>,
    entity: &Entity,
    params_known: bool,
    arm: Option<&ArmContext>,
    out: &mut Vec<Diagnostic>,
    global_uses: &mut Vec<Named>,
) {
    // ARM replaces the string by its value before Data Factory reads it (`{{` and `''`
    // unescaped, parameters filled in); only a fully known value is the ADF expression, and
    // none of its text is written as such in the file, so findings cover the whole string.
    let arm_value = match arm.filter(|_| site.arm) {
        Some(ctx) => match crate::arm::eval(&site.lit.value, ctx).known() {
            Some(value) => Some(value),
            None => return,
        },
        None => None,
    };
    let (template, map) = match &arm_value {
        Some(value) => (parse_template(value), Mapping::Whole(site.lit.range.into())),
        None => (parse_template(&site.lit.value), mapping(text, site.lit)),
    };
    if !template.is_expression() {
        return;
    }
    let value: &str = arm_value.as_deref().unwrap_or(&site.lit.value);
    let cx = Cx {
        entity,
        activity: site.activity,
        slot: site.slot,
        map,
        params_known,
        value,
    };
    // One fault, one finding: what the parser reports after its first error follows from it
    // (an unclosed string swallows the closing parenthesis, an unclosed call repeats per level).
    // The length of a string that does not parse is its second fault at most.
    if template.errors.is_empty() {
        expression_too_long::check(value, site.lit.range.into(), out);
    }
    if let Some(e) = template.errors.first() {
        let message = match &arm_value {
            // The fault is in text the file does not show: name it.
            Some(value) => format!(
                "{} (in `{}`, the value of this ARM expression)",
                e.message,
                shortened(value)
            ),
            None => e.message.clone(),
        };
        out.push(invalid_expression::diagnostic(cx.range(&e.range), &message));
    }
    // `contains(...)` anywhere in the string may be testing for the member the string reads
    // (`if(contains(activity('L').output, 'firstRow'), ...)`): the output rules then keep quiet.
    let guarded = value.to_ascii_lowercase().contains("contains(");
    for e in &template.exprs {
        visit(&cx, e, guarded, out, global_uses);
    }
    expression_type_mismatch::check(&cx, &template, &site.expected, site.lit, out);
}

/// A value short enough for a message.
fn shortened(value: &str) -> String {
    crate::quote::clip(value).into_owned()
}

/// Walks one expression; the parser bounds its depth, so recursion is bounded too. `guarded`:
/// the expression sits where a missing member is expected (inside `coalesce(...)`).
fn visit(
    cx: &Cx<'_>,
    e: &Expr,
    guarded: bool,
    out: &mut Vec<Diagnostic>,
    global_uses: &mut Vec<Named>,
) {
    match &e.kind {
        ExprKind::Call { name, args, .. } => {
            if let Some(f) = unknown_function::check(cx, name, out) {
                wrong_argument_count::check(cx, f, name, args.len(), &e.range, out);
            }
            let lname = name.text.to_ascii_lowercase();
            match lname.as_str() {
                "variables" => {
                    undefined_variable::check_call(cx, args, out);
                    variable_reads_itself::check(cx, args, out);
                }
                "activity" if unknown_activity_reference::check(cx, args, out) => {
                    activity_not_upstream::check(cx, args, out);
                }
                "item" => item_outside_foreach::check(cx, name, out),
                "triggerbody" => trigger_value_unavailable::check_body(cx, name, out),
                _ => {}
            }
            let guarded = guarded || lname == "coalesce";
            for a in args {
                visit(cx, a, guarded, out, global_uses);
            }
        }
        ExprKind::Access { target, path } => {
            undefined_parameter::check_access(cx, target, path, out, global_uses);
            trigger_value_unavailable::check_access(cx, target, path, out);
            global_parameter_outside_pipeline::check(cx, target, path, out);
            pipeline_parameter_in_dataset::check(cx, target, path, out);
            check_output(cx, target, path, guarded, out);
            visit(cx, target, guarded, out, global_uses);
            for step in path {
                if let Accessor::Index(i) = step {
                    visit(cx, i, guarded, out, global_uses);
                }
            }
        }
        _ => {}
    }
}

/// The output rules on an `activity('X')...` chain of a pipeline whose file parsed cleanly (so
/// the activity's settings are fully known).
fn check_output(
    cx: &Cx<'_>,
    target: &Expr,
    path: &[Accessor],
    guarded: bool,
    out: &mut Vec<Diagnostic>,
) {
    if cx.entity.kind != EntityKind::Pipeline || !cx.entity.complete {
        return;
    }
    let Some(r) = outputs::target(cx.entity, target) else {
        return;
    };
    let steps = outputs::steps(path);
    let (visits, _) = outputs::walk(&r, &steps);
    unknown_output_property::check(cx, &r, &visits, out);
    // A member read with `?.` on the way is expected to be missing at times.
    let safe = visits
        .iter()
        .position(|v| null_safe(cx.value, v.range.start))
        .unwrap_or(visits.len());
    let sure = visits.get(..safe).unwrap_or(&[]);
    if !guarded {
        lookup_output_mismatch::check(cx, &r, sure, out);
    }
    metadata_field_not_requested::check(cx, &r, sure, out);
}

/// Whether the step whose name starts at `start` is written `?.name` or `?['name']`.
fn null_safe(value: &str, start: usize) -> bool {
    let before = value.get(..start).unwrap_or("").trim_end();
    let before = before
        .strip_suffix('.')
        .or_else(|| before.strip_suffix('['))
        .unwrap_or(before)
        .trim_end();
    before.ends_with('?')
}

/// The literal string of an argument (`'name'`), if it is one.
pub(crate) fn literal(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Str(s) => Some(s),
        _ => None,
    }
}

/// The parsed template of a site (for the type rule and queries).
pub(crate) fn is_call(e: &Expr, name: &str) -> bool {
    matches!(&e.kind, ExprKind::Call { name: n, .. } if n.text.eq_ignore_ascii_case(name))
}

/// Whether a template is exactly one whole expression.
pub(crate) fn whole(t: &Template) -> Option<&Expr> {
    match t.exprs.as_slice() {
        [e] if t.whole => Some(e),
        _ => None,
    }
}

// ---- scope: which activities an expression may name, where item() is defined ----

/// The strict ancestors of an activity, innermost first (bounded by the activity count).
pub(crate) fn ancestors(entity: &Entity, a: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = entity.activities.get(a).and_then(|x| x.parent);
    while let Some(p) = cur {
        if out.contains(&p) || out.len() > entity.activities.len() {
            break;
        }
        out.push(p);
        cur = entity.activities.get(p).and_then(|x| x.parent);
    }
    out
}

fn is_type(entity: &Entity, a: usize, t: &str) -> bool {
    entity
        .activities
        .get(a)
        .and_then(|x| x.type_name.as_deref())
        .is_some_and(|n| n.eq_ignore_ascii_case(t))
}

/// Whether `item()` means something here: inside a ForEach's inner activities, or in a
/// Filter's `condition`.
pub(crate) fn item_defined(entity: &Entity, activity: Option<usize>, slot: Slot) -> bool {
    let Some(a) = activity else { return false };
    if slot == Slot::FilterCondition {
        return true;
    }
    ancestors(entity, a)
        .iter()
        .any(|p| is_type(entity, *p, "ForEach"))
}

/// Whether one of `targets` runs before `a` for sure: a sibling reached through `dependsOn`
/// (transitively), or the same for one of its containers. The search stops at the first one
/// found and visits each activity once, with `dependsOn` resolved by the model.
fn runs_before(entity: &Entity, a: usize, targets: &[usize]) -> bool {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut level = Some(a);
    while let Some(cur) = level {
        // Containers form a tree, so this ends; the set also guards a malformed parent chain.
        if !seen.insert(cur) {
            break;
        }
        let Some(act) = entity.activities.get(cur) else {
            break;
        };
        let mut todo: Vec<usize> = vec![cur];
        while let Some(x) = todo.pop() {
            let Some(xa) = entity.activities.get(x) else {
                continue;
            };
            for &f in &xa.waits_on {
                step(1);
                if seen.insert(f) {
                    if targets.contains(&f) {
                        return true;
                    }
                    todo.push(f);
                }
            }
        }
        level = act.parent;
    }
    false
}

/// Whether activity `target` has finished (at least once) when the expression runs.
pub(crate) fn is_upstream(entity: &Entity, anchor: usize, slot: Slot, target: usize) -> bool {
    // An activity never reads its own output, not even from a previous pass of a loop.
    if target == anchor {
        return slot == Slot::UntilExpression;
    }
    let mut target_chain = vec![target];
    target_chain.extend(ancestors(entity, target));
    // An Until's condition, and activities inside an Until, see the loop's inner activities
    // (from this pass or the previous one).
    let mut loops: Vec<usize> = ancestors(entity, anchor)
        .into_iter()
        .filter(|p| is_type(entity, *p, "Until"))
        .collect();
    if slot == Slot::UntilExpression {
        loops.push(anchor);
    }
    if target_chain.iter().skip(1).any(|t| loops.contains(t)) {
        return true;
    }
    // An activity that ran before, or one nested inside it, has run.
    runs_before(entity, anchor, &target_chain)
}
