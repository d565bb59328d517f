//! ## What it does
//! Reports a literal argument whose type the target's parameter does not take: an array for a
//! `string` parameter, `"five"` for an `int`, `"yes"` for a `bool`, a string for an `array` or
//! `object`. Expressions are not judged (their type is known only at run time); strings that
//! hold a number or a boolean are accepted for `int`, `float` and `bool`, as Data Factory
//! converts them, and numbers and booleans are accepted for `string`.
//!
//! ## Why is this bad?
//! The target declares a type that the literal argument does not have: the run very likely does
//! not get the value it expects. Data Factory does not check arguments strictly (an array
//! passed to an Array parameter of a child pipeline has been seen to arrive as a string,
//! https://github.com/Azure/Azure-DataFactory/issues/529), so the failure comes later, where a
//! function needs the type; this is a warning.
//!
//! ## Example
//! `pipeline/Parent.json`:
//! ```json
//! {
//!     "name": "Parent",
//!     "properties": {
//!         "activities": [{
//!             "name": "RunLoad", "type": "ExecutePipeline",
//!             "typeProperties": {
//!                 "pipeline": {"referenceName": "Load", "type": "PipelineReference"},
//!                 "parameters": {"batchSize": "large"}
//!             }
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
//!                 "parameters": {"batchSize": 500}
//!             }
//!         }]
//!     }
//! }
//! ```
//!
//! `pipeline/Load.json` (beside both):
//! ```json
//! {"name": "Load", "properties": {"activities": [], "parameters": {"batchSize": {"type": "int", "defaultValue": 100}}}}
//! ```

use super::unknown_parameter_argument::target_params;
use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Arg, ArgKind, FileModel};
use crate::workspace::Ctx;

pub static RULE: Rule = Rule {
    code: "ADF0205",
    name: "parameter-type-mismatch",
    severity: Severity::Warning,
    summary: "a literal argument of a type the parameter does not take",
    source: "src/rules/parameter_type_mismatch.rs",
};

/// Whether an argument fits a declared parameter type (lower case); unknown types fit anything.
fn fits(ty: &str, a: &Arg) -> bool {
    let text = a.literal.as_deref().map(str::trim);
    match (ty, a.kind) {
        (_, ArgKind::Expression | ArgKind::Null) => true,
        ("string" | "securestring", k) => !matches!(k, ArgKind::Array | ArgKind::Object),
        ("int", ArgKind::Int) => true,
        ("int", ArgKind::String) => text.is_some_and(|t| t.parse::<i64>().is_ok()),
        ("float", ArgKind::Int | ArgKind::Float) => true,
        ("float", ArgKind::String) => text.is_some_and(|t| t.parse::<f64>().is_ok()),
        ("bool", ArgKind::Bool) => true,
        ("bool", ArgKind::String) => {
            text.is_some_and(|t| t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false"))
        }
        ("array", ArgKind::Array) => true,
        ("object", ArgKind::Object) => true,
        ("int" | "float" | "bool" | "array" | "object", _) => false,
        _ => true,
    }
}

fn describe(kind: ArgKind) -> &'static str {
    match kind {
        ArgKind::String => "a string",
        ArgKind::Int => "an integer",
        ArgKind::Float => "a number",
        ArgKind::Bool => "a boolean",
        ArgKind::Array => "an array",
        ArgKind::Object => "an object",
        ArgKind::Null => "null",
        ArgKind::Expression => "an expression",
    }
}

/// Checks the arguments of every reference of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in &model.refs {
        let Some(args) = &r.args else { continue };
        if args.is_empty() {
            continue;
        }
        let Some((params, target)) = target_params(r, ctx) else {
            continue;
        };
        for a in args {
            let Some(p) = params.iter().find(|p| p.name.eq_ignore_ascii_case(&a.name)) else {
                continue;
            };
            let Some(ty) = p.ty else { continue };
            if !fits(ty, a) {
                out.push(Diagnostic::new(
                    &RULE,
                    a.value_range,
                    format!(
                        "parameter `{}` of `{target}` is declared `{ty}`, but {} is passed",
                        p.name,
                        describe(a.kind)
                    ),
                ));
            }
        }
    }
}
