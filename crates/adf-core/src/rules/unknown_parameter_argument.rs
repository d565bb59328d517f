//! ## What it does
//! Reports an argument passed along a reference for a parameter that the target does not
//! declare: in ExecutePipeline's `parameters`, a trigger's `pipelines[].parameters`, and the
//! `parameters` of a DatasetReference or LinkedServiceReference. Names are compared without
//! regard to case; the nearest declared names are suggested.
//!
//! ## Why is this bad?
//! The target declares no parameter of that name, so the value the author meant never reaches
//! it: a typo, or a parameter renamed on one side only. Data Factory's documentation does not
//! say whether it rejects such an argument or passes it unread, so this is a warning.
//!
//! ## Example
//! `trigger/Nightly.json`:
//! ```json
//! {
//!     "name": "Nightly",
//!     "properties": {
//!         "type": "ScheduleTrigger",
//!         "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1, "startTime": "2024-01-01T02:00:00Z"}},
//!         "pipelines": [{
//!             "pipelineReference": {"referenceName": "Load", "type": "PipelineReference"},
//!             "parameters": {"reigon": "emea"}
//!         }]
//!     }
//! }
//! ```
//!
//! Use instead: `trigger/Nightly.json`:
//! ```json
//! {
//!     "name": "Nightly",
//!     "properties": {
//!         "type": "ScheduleTrigger",
//!         "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1, "startTime": "2024-01-01T02:00:00Z"}},
//!         "pipelines": [{
//!             "pipelineReference": {"referenceName": "Load", "type": "PipelineReference"},
//!             "parameters": {"region": "emea"}
//!         }]
//!     }
//! }
//! ```
//!
//! `pipeline/Load.json` (beside both):
//! ```json
//! {"name": "Load", "properties": {"activities": [], "parameters": {"region": {"type": "string", "defaultValue": "all"}}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileModel, ParamSummary, RefSite};
use crate::suggest;
use crate::workspace::Ctx;

pub static RULE: Rule = Rule {
    code: "ADF0203",
    name: "unknown-parameter-argument",
    severity: Severity::Warning,
    summary: "an argument for a parameter the target does not declare",
    source: "src/rules/unknown_parameter_argument.rs",
};

/// The declared parameters of the single entity a reference resolves to, if they are known.
pub(crate) fn target_params<'w>(
    r: &RefSite,
    ctx: &mut Ctx<'w>,
) -> Option<(Vec<ParamSummary<'w>>, &'w str)> {
    let found = ctx.lookup(r.target, &r.name);
    let [target] = found.as_slice() else {
        return None;
    };
    if !target.entity.complete {
        return None;
    }
    let params = target.entity.params?.iter().collect();
    Some((params, target.entity.name))
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
            if params.iter().any(|p| p.name.eq_ignore_ascii_case(&a.name)) {
                continue;
            }
            let near = suggest::nearest(&a.name, params.iter().map(|p| p.name), 3);
            let hint = if near.is_empty() {
                let declared: Vec<String> =
                    params.iter().map(|p| format!("`{}`", p.name)).collect();
                if declared.is_empty() {
                    "; it declares no parameters".to_string()
                } else {
                    format!("; it declares {}", declared.join(", "))
                }
            } else {
                suggest::did_you_mean(&near)
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    a.range,
                    format!("`{target}` has no parameter `{}`{hint}", a.name),
                )
                .with_suggestion(&near),
            );
        }
    }
}
