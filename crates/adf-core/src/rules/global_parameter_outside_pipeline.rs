//! ## What it does
//! Reports `pipeline().globalParameters.X` in an expression that is not a pipeline's: in a
//! dataset, a linked service, a trigger or any other entity.
//!
//! ## Why is this bad?
//! Global parameters are read by pipeline expressions. A dataset, data flow or linked service
//! gets a global parameter's value through a parameter of its own, which the pipeline fills with
//! `@pipeline().globalParameters.X`. Microsoft's page does not say what Data Factory does with
//! the expression elsewhere, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/author-global-parameters (section "Using
//!   global parameters in a pipeline"): global parameters can be used in any pipeline expression;
//!   a dataset or data flow referenced by the pipeline gets the value passed down through its
//!   own parameters.
//!
//! ## Example
//! `dataset/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Binary",
//!         "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!         "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": {
//!             "value": "@pipeline().globalParameters.container", "type": "Expression"}}}
//!     }
//! }
//! ```
//!
//! Use instead: `dataset/Sales.json`, with a parameter the pipeline fills with the global one:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Binary",
//!         "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!         "parameters": {"container": {"type": "String"}},
//!         "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": {
//!             "value": "@dataset().container", "type": "Expression"}}}
//!     }
//! }
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://lake.dfs.core.windows.net"}}}
//! ```
//!
//! `factory/Factory.json` (beside both):
//! ```json
//! {"name": "Factory", "properties": {"globalParameters": {"container": {"type": "String", "value": "sales"}}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::params::{param_ref, ParamRef};
use crate::expr::syntax::{Accessor, Expr};
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0313",
    name: "global-parameter-outside-pipeline",
    severity: Severity::Warning,
    summary: "`pipeline().globalParameters` used outside a pipeline's expressions",
    source: "src/rules/global_parameter_outside_pipeline.rs",
};

/// Checks one access chain.
pub(crate) fn check(cx: &Cx<'_>, target: &Expr, path: &[Accessor], out: &mut Vec<Diagnostic>) {
    if cx.entity.kind == EntityKind::Pipeline {
        return;
    }
    let Some(ParamRef::Global(name, _)) = param_ref(cx.entity.kind, target, path) else {
        return;
    };
    let kind = cx.entity.kind.words();
    let what_to_do = if cx.entity.kind == EntityKind::Trigger {
        format!("read `@pipeline().globalParameters.{name}` in the pipeline itself")
    } else {
        format!(
            "give the {kind} a parameter and have the pipeline pass \
             `@pipeline().globalParameters.{name}` to it"
        )
    };
    out.push(Diagnostic::new(
        &RULE,
        cx.range(&target.range),
        format!(
            "global parameter `{name}` is read in {kind} `{}`, but global parameters are read by \
             pipeline expressions; {what_to_do}",
            cx.entity.name
        ),
    ));
}
