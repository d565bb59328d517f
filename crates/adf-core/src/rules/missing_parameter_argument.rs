//! ## What it does
//! Reports a reference that leaves out a parameter the target declares without a default value,
//! where that is known to matter:
//! - **pipeline targets** (ExecutePipeline, a trigger's `pipelines[]`): Data Factory starts the
//!   run and the omitted parameter is null. The reference is reported only when the callee uses
//!   that parameter unguarded where null fails: as a direct argument of a function on the
//!   catalog's null-intolerant list (`length`, `split`, `replace`, each listed with its source),
//!   or as the whole value of a property the catalog marks required (a ForEach's `items`). A use
//!   inside `coalesce`, `empty`, `equals` or `if`, or in an activity nested in an IfCondition or
//!   Switch whose condition reads the parameter, counts as guarded. One finding per reference,
//!   naming for each such parameter the callee's activity where it breaks.
//! - **DatasetReference and LinkedServiceReference arguments**: every parameter without a
//!   default that the reference leaves out.
//!
//! Data flow parameters are not checked (their declarations live in the data flow script).
//!
//! ## Why is this bad?
//! A pipeline parameter that receives no value is null in that run; a function that does not
//! take null fails the activity with an `InvalidTemplate` error at that point, long after the
//! run started. A dataset or linked service argument left out leaves the parameter without a
//! value where the target's definition reads it.
//!
//! ## Example
//! `pipeline/Parent.json`:
//! ```json
//! {
//!     "name": "Parent",
//!     "properties": {
//!         "activities": [{
//!             "name": "RunLoad", "type": "ExecutePipeline",
//!             "typeProperties": {"pipeline": {"referenceName": "Load", "type": "PipelineReference"}}
//!         }]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Parent.json`:
//! ```json
//! {
//!     "name": "Parent",
//!     "properties": {
//!         "activities": [{
//!             "name": "RunLoad", "type": "ExecutePipeline",
//!             "typeProperties": {
//!                 "pipeline": {"referenceName": "Load", "type": "PipelineReference"},
//!                 "parameters": {"regions": "emea,apac"}
//!             }
//!         }]
//!     }
//! }
//! ```
//!
//! `pipeline/Load.json` (beside both):
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "parameters": {"regions": {"type": "string"}, "note": {"type": "string"}},
//!         "variables": {"list": {"type": "Array"}},
//!         "activities": [{
//!             "name": "Split", "type": "SetVariable",
//!             "typeProperties": {
//!                 "variableName": "list",
//!                 "value": {"value": "@split(pipeline().parameters.regions, ',')", "type": "Expression"}
//!             }
//!         }, {
//!             "name": "Log", "type": "SetVariable",
//!             "typeProperties": {"variableName": "list", "value": "@createArray(pipeline().parameters.note)"}
//!         }]
//!     }
//! }
//! ```
//!
//! `note` is left out in both versions and never reported: the callee only wraps it in an array,
//! which takes null.
//!
//! ## Evidence
//! - A pipeline run starts with parameters left out: a trigger's pipeline `parameters` are
//!   optional (`parameters?` in
//!   <https://learn.microsoft.com/javascript/api/@azure/arm-datafactory/triggerpipelinereference>),
//!   and a parameter that receives no value is null in the run. So this rule is a warning: the
//!   run fails later, where null meets a function or a property that needs a value.
//! - Null reaching `length` fails the run: "The function 'length' expects its parameter to be an
//!   array or a string. The provided value is of type 'Null'."
//!   (<http://blogs.adatis.co.uk/sachatomey/post/2018/11/10/Azure-Data-Factory-v2-ForEach-Activity-Handling-Null-Items>,
//!   a ForEach whose `items` were null). The other list entries cite their sources in
//!   `adf-catalog`'s `NULL_INTOLERANT`.
//! - No published source was found that Studio's validation or the service rejects a dataset or
//!   linked service reference that leaves out an argument, so those findings are warnings too.

use super::unknown_parameter_argument::target_params;
use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::ide::actions::{insert_properties, objects, quick_fix, FixCx};
use crate::ide::CodeAction;
use crate::json::{self, quote};
use crate::model::{FileModel, NullPlace, NullUse, ParamSummary, RefSite};
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0204",
    name: "missing-parameter-argument",
    severity: Severity::Warning,
    summary:
        "a parameter without default is left out (pipelines: only where the callee fails on null)",
    source: "src/rules/missing_parameter_argument.rs",
};

/// Checks every reference of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in &model.refs {
        // A data flow's sources and sinks get their dataset arguments from the ExecuteDataFlow
        // activity (`datasetParameters`), not from the reference.
        if model
            .entities
            .get(r.entity)
            .is_some_and(|e| e.kind == EntityKind::DataFlow)
        {
            continue;
        }
        let Some((params, target)) = target_params(r, ctx) else {
            continue;
        };
        let missing: Vec<&ParamSummary<'_>> = params
            .iter()
            .filter(|p| !p.has_default && !passed(r, p.name))
            .collect();
        if missing.is_empty() {
            continue;
        }
        if r.target == EntityKind::Pipeline {
            pipeline_target(r, target, &missing, out);
        } else {
            other_target(r, target, &missing, out);
        }
    }
}

fn passed(r: &RefSite, name: &str) -> bool {
    r.args
        .as_ref()
        .is_some_and(|args| args.iter().any(|a| a.name.eq_ignore_ascii_case(name)))
}

/// A pipeline run starts without the argument and the parameter is null, so only the
/// parameters the callee uses where null fails are reported, in one finding per reference.
fn pipeline_target(
    r: &RefSite,
    target: &str,
    missing: &[&ParamSummary<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let breaking: Vec<(&ParamSummary<'_>, &NullUse)> = missing
        .iter()
        .filter_map(|p| Some((*p, p.null_use?)))
        .collect();
    let how = |name: Option<&str>, u: &NullUse| {
        let it = name.map_or("it".to_string(), |n| format!("`{n}`"));
        let what = match &u.place {
            NullPlace::Function(f) => format!("passes {it} to `{f}`, which fails on null"),
            NullPlace::Property(k) => {
                format!("uses {it} as the whole value of the required `{k}`, which needs a value")
            }
        };
        format!("activity `{}` {what}", u.activity)
    };
    let message = match breaking.as_slice() {
        [] => return,
        [(p, u)] => format!(
            "pipeline `{target}` receives no value for `{}` (declared without a default): it is \
             null in this run, and {}; pass a value or give the parameter a default",
            p.name,
            how(None, u)
        ),
        many => {
            let names: Vec<String> = many.iter().map(|(p, _)| format!("`{}`", p.name)).collect();
            let uses: Vec<String> = many.iter().map(|(p, u)| how(Some(p.name), u)).collect();
            format!(
                "pipeline `{target}` receives no value for {} (declared without defaults): they \
                 are null in this run, and {}; pass values or give the parameters defaults",
                names.join(", "),
                uses.join("; ")
            )
        }
    };
    out.push(Diagnostic::new(&RULE, r.range, message));
}

fn other_target(
    r: &RefSite,
    target: &str,
    missing: &[&ParamSummary<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = missing.iter().map(|p| format!("`{}`", p.name)).collect();
    let (noun, pronoun) = if names.len() == 1 {
        ("parameter", "it")
    } else {
        ("parameters", "them")
    };
    out.push(Diagnostic::new(
        &RULE,
        r.range,
        format!(
            "{} `{target}` needs {noun} {} (declared without a default); pass {pronoun} in \
             `parameters`",
            r.target.words(),
            names.join(", ")
        ),
    ));
}

/// The fix: passes every parameter the target declares without a default and the reference leaves
/// out, in the reference's `parameters` object (created if absent).
pub(crate) fn fix(cx: &FixCx<'_, '_, '_>, d: &Diagnostic) -> Vec<CodeAction> {
    let Some(r) = cx.model.refs.iter().find(|r| r.range == d.range) else {
        return Vec::new();
    };
    let found = cx.ws.lookup_from(cx.path, r.target, &r.name);
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
    let all = objects(cx.root);
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
        Some(params) => insert_properties(cx.path, cx.text, params, &missing),
        None => {
            let members: Vec<String> = missing
                .iter()
                .map(|(n, v)| format!("{}: {v}", quote(n)))
                .collect();
            let value = format!("{{{}}}", members.join(", "));
            insert_properties(
                cx.path,
                cx.text,
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
