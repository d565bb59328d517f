//! ## What it does
//! Reports an expression that reads a parameter its entity does not declare:
//! `pipeline().parameters.X` in a pipeline, `dataset().X` in a dataset, `linkedService().X` in a
//! linked service, and `pipeline().globalParameters.X` against the global parameters of the
//! factory (`factory/<name>.json` `properties.globalParameters`, or the ARM template's factory
//! resource). Names are compared without regard to case; global parameter names may contain
//! hyphens (`@pipeline().globalParameters.GP-Int`). Global parameters are checked only when the
//! factory's file is among the checked files.
//!
//! ## Why is this bad?
//! Publishing or deploying a pipeline whose expressions read a parameter it does not declare
//! fails with `BadRequest` "Missing parameter definition for ..."; a global parameter missing
//! from the factory fails Data Factory's own validation.
//!
//! ## Evidence
//! - https://github.com/Azure/Azure-DataFactory/issues/199: publishing from ADF Studio failed
//!   with `BadRequest` "Missing parameter definition for c".
//! - https://github.com/microsoft/finops-toolkit/issues/1403: an ARM deployment of a pipeline
//!   was refused with `BadRequest` "Missing parameter definition for ...".
//! - https://github.com/MicrosoftDocs/azure-docs/issues/12732: a stray space in a parameter
//!   reference made publishing fail with "Missing parameter definition".
//! - https://github.com/Azure/Azure-DataFactory/issues/569: the validation of
//!   `@microsoft/azure-data-factory-utilities` reported a global parameter read by a pipeline
//!   and not found in the factory.
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "parameters": {"region": {"type": "String", "defaultValue": "west"}},
//!         "variables": {"target": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pick", "type": "SetVariable",
//!              "typeProperties": {"variableName": "target", "value": "@pipeline().parameters.regoin"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "parameters": {"region": {"type": "String", "defaultValue": "west"}},
//!         "variables": {"target": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pick", "type": "SetVariable",
//!              "typeProperties": {"variableName": "target", "value": "@pipeline().parameters.region"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::params::{param_ref, ParamRef};
use crate::expr::syntax::{Accessor, Expr};
use crate::model::{FileModel, Named, Param, ParamSummary};
use crate::suggest;
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0304",
    name: "undefined-parameter",
    severity: Severity::Error,
    summary: "an expression reads a parameter that is not declared",
    source: "src/rules/undefined_parameter.rs",
};

fn find<'p>(params: &'p [Param], name: &str) -> Option<&'p Param> {
    params.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// Checks one access chain; records global parameter uses for the cross-file check.
pub(crate) fn check_access(
    cx: &Cx<'_>,
    target: &Expr,
    path: &[Accessor],
    out: &mut Vec<Diagnostic>,
    global_uses: &mut Vec<Named>,
) {
    match param_ref(cx.entity.kind, target, path) {
        Some(ParamRef::Own(name, range)) => {
            let Some(params) = cx.entity.params.as_ref().filter(|_| cx.params_known) else {
                return;
            };
            if find(params, name).is_some() {
                return;
            }
            let near = suggest::nearest(name, params.iter().map(|p| p.name.as_str()), 3);
            let hint = if near.is_empty() {
                if params.is_empty() {
                    "; it declares no parameters".to_string()
                } else {
                    String::new()
                }
            } else {
                suggest::did_you_mean(&near)
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    cx.range(&range),
                    format!(
                        "`{name}` is not a parameter of {} `{}`{hint}",
                        cx.entity.kind.words(),
                        cx.entity.name
                    ),
                )
                .with_suggestion(&near),
            );
        }
        Some(ParamRef::Global(name, range)) => global_uses.push(Named {
            name: name.to_string(),
            range: cx.range(&range),
        }),
        None => {}
    }
}

/// Checks the file's global parameter uses against the factory's declarations.
pub(crate) fn check_global(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if model.global_param_uses.is_empty() {
        return;
    }
    let mut declared: Vec<ParamSummary<'_>> = Vec::new();
    let mut any = false;
    for kind in [EntityKind::Factory, EntityKind::GlobalParameters] {
        for name in ctx.names(kind) {
            for found in ctx.lookup(kind, name) {
                any = true;
                match found.entity.params {
                    Some(p) => declared.extend(p.iter()),
                    // Declarations that cannot be read: nothing can be said.
                    None => return,
                }
            }
        }
    }
    // Without the factory's file the declarations are unknown.
    if !any {
        return;
    }
    for u in &model.global_param_uses {
        if declared
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&u.name))
        {
            continue;
        }
        let near = suggest::nearest(&u.name, declared.iter().map(|p| p.name), 3);
        out.push(
            Diagnostic::new(
                &RULE,
                u.range,
                format!(
                    "the factory declares no global parameter `{}`{}",
                    u.name,
                    suggest::did_you_mean(&near)
                ),
            )
            .with_suggestion(&near),
        );
    }
}
