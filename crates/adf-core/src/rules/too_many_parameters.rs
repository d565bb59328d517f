//! ## What it does
//! Reports a pipeline that declares more parameters than Data Factory allows in one pipeline:
//! 50. Parameters computed by an ARM expression (`"parameters": "[...]"`) are not counted.
//!
//! ## Why is this bad?
//! "Maximum parameters per pipeline" is a fixed limit of Data Factory: 50, both as the default
//! and as the maximum, so support cannot raise it. A pipeline above it cannot be published.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#data-factory-limits
//!   (the include `azure-data-factory-limits.md` of MicrosoftDocs/azure-docs, dated 2025-02-06):
//!   "Maximum parameters per pipeline", default limit 50, maximum limit 50.
//! - https://learn.microsoft.com/fabric/data-factory/data-factory-limitations: the same figure,
//!   50, for pipelines of Data Factory in Microsoft Fabric.
//!
//! ## Example
//! `pipeline/Load.json` with 51 parameters:
//! ```json
//! {"name": "Load", "properties": {"parameters": {
//!     "p1": {"type": "string"},
//!     "p2": {"type": "string"},
//!     "...": "and so on up to p51"
//! }, "activities": []}}
//! ```
//!
//! Use instead: pass related values in one parameter of type object or array.
//! ```json
//! {"name": "Load", "properties": {"parameters": {
//!     "settings": {"type": "object", "defaultValue": {"p1": "a", "p2": "b"}}
//! }, "activities": []}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use adf_catalog::Dialect;

pub static RULE: Rule = Rule {
    code: "ADF0121",
    name: "too-many-parameters",
    severity: Severity::Error,
    summary: "more parameters in one pipeline than Data Factory allows (50)",
    source: "src/rules/too_many_parameters.rs",
};

/// Data Factory's limit of parameters per pipeline.
pub const LIMIT: usize = 50;

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    if entity.dialect != Dialect::V2 {
        return;
    }
    let Some(params) = &entity.params else {
        return;
    };
    let n = params.len();
    if n > LIMIT {
        // Pointing at the first parameter past the limit shows where the excess starts.
        let range = params.get(LIMIT).map_or(entity.name_range, |p| p.range);
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "pipeline `{}` declares {n} parameters; Data Factory allows at most {LIMIT}: \
                 pass related values together in an object or array parameter",
                entity.name
            ),
        ));
    }
}
