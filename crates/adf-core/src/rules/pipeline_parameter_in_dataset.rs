//! ## What it does
//! Reports `pipeline().parameters.X` in a dataset's expressions. A dataset belongs to no
//! pipeline: it gets values from the pipelines that use it through parameters of its own
//! (`dataset().X`), which each pipeline fills in the activity's dataset reference.
//!
//! Only datasets are reported: the published validation message below was given for datasets,
//! and no source says what Data Factory does with the expression in a linked service or a data
//! flow.
//!
//! ## Why is this bad?
//! ADF Studio's validation refuses it, so the factory cannot be published while any dataset
//! reads a pipeline parameter. Older factories did this; Data Factory stopped accepting it in
//! 2019.
//!
//! ## Evidence
//! - Azure/Azure-DataFactory#95 (2019): publishing is blocked until no dataset uses
//!   `@pipeline().parameters`, with the validation error "Pipeline parameters can only be used
//!   within their defining pipeline. Define dataset parameters to accept the pipeline parameter
//!   values instead"; the answer in the thread: by design, use `@dataset()`.
//!   <https://github.com/Azure/Azure-DataFactory/issues/95>
//! - MicrosoftDocs/azure-docs#13871: the same message when building a pipeline after the
//!   partitioned-data how-to, which then used a pipeline parameter in a dataset.
//!   <https://github.com/MicrosoftDocs/azure-docs/issues/13871>
//!
//! ## Example
//! `dataset/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Binary",
//!         "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!         "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "sales",
//!             "folderPath": {"value": "@pipeline().parameters.day", "type": "Expression"}}}
//!     }
//! }
//! ```
//!
//! Use instead: `dataset/Sales.json`, with a parameter of its own that the pipeline fills:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Binary",
//!         "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!         "parameters": {"day": {"type": "String"}},
//!         "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "sales",
//!             "folderPath": {"value": "@dataset().day", "type": "Expression"}}}
//!     }
//! }
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://lake.dfs.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{is_call, Cx};
use crate::expr::params::step_name;
use crate::expr::syntax::{Accessor, Expr};
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0314",
    name: "pipeline-parameter-in-dataset",
    severity: Severity::Error,
    summary: "`pipeline().parameters` read in a dataset, which Studio's validation refuses",
    source: "src/rules/pipeline_parameter_in_dataset.rs",
};

/// Checks one access chain.
pub(crate) fn check(cx: &Cx<'_>, target: &Expr, path: &[Accessor], out: &mut Vec<Diagnostic>) {
    if cx.entity.kind != EntityKind::Dataset || !is_call(target, "pipeline") {
        return;
    }
    let Some((first, _)) = path.first().and_then(step_name) else {
        return;
    };
    if !first.eq_ignore_ascii_case("parameters") {
        return;
    }
    let shown = path
        .get(1)
        .and_then(step_name)
        .map_or_else(|| "X".to_string(), |(name, _)| name.to_string());
    out.push(Diagnostic::new(
        &RULE,
        cx.range(&target.range),
        format!(
            "dataset `{}` reads pipeline parameter `{shown}`; Data Factory refuses pipeline \
             parameters outside their pipeline: give the dataset a parameter `{shown}`, read it \
             with `@dataset().{shown}` and have each pipeline pass the value in its dataset \
             reference",
            cx.entity.name
        ),
    ));
}
