//! ## What it does
//! Reports a reference that leaves out a parameter the target declares without a default value:
//! ExecutePipeline, trigger pipelines, and DatasetReference or LinkedServiceReference
//! arguments.
//!
//! ## Why is this bad?
//! Data Factory cannot start the run (or resolve the dataset or linked service) without a
//! value for every parameter that has no default.
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
//!                 "parameters": {"region": "emea"}
//!             }
//!         }]
//!     }
//! }
//! ```
//!
//! `pipeline/Load.json` (beside both):
//! ```json
//! {"name": "Load", "properties": {"activities": [], "parameters": {"region": {"type": "string"}}}}
//! ```

use super::unknown_parameter_argument::target_params;
use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileModel;
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0204",
    name: "missing-parameter-argument",
    severity: Severity::Error,
    summary: "a declared parameter without default is left out",
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
        let passed = |name: &str| {
            r.args
                .as_ref()
                .is_some_and(|args| args.iter().any(|a| a.name.eq_ignore_ascii_case(name)))
        };
        let missing: Vec<String> = params
            .iter()
            .filter(|p| !p.has_default && !passed(&p.name))
            .map(|p| format!("`{}`", p.name))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let (noun, pronoun) = if missing.len() == 1 {
            ("parameter", "it")
        } else {
            ("parameters", "them")
        };
        out.push(Diagnostic::new(
            &RULE,
            r.range,
            format!(
                "{} `{target}` needs {noun} {} (declared without a default); pass {pronoun} in `parameters`",
                r.target.words(),
                missing.join(", ")
            ),
        ));
    }
}
