//! ## What it does
//! Reports a `dependsOn` entry that names no activity of the same activities list. An activity
//! may only wait on its siblings: activities of the pipeline's top level wait on top-level
//! activities, and activities inside a ForEach, an If branch, a Switch case or an Until wait on
//! activities of that same list.
//!
//! ## Why is this bad?
//! Every run of the pipeline fails when it starts, with `InvalidTemplate`: the dependency names
//! an activity that does not exist. ADF Studio's validation passes such a pipeline, so only a
//! run shows it.
//!
//! ## Evidence
//! - https://github.com/Azure-Player/azure.datafactory.devops/issues/69: a pipeline whose
//!   activity depends on a missing activity passes validation, and its run fails with
//!   `InvalidTemplate`, the `runAfter` of the action naming a non-existent action.
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Extract", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5},
//!              "dependsOn": [{"activity": "Extrct", "dependencyConditions": ["Succeeded"]}]}
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
//!         "activities": [
//!             {"name": "Extract", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5},
//!              "dependsOn": [{"activity": "Extract", "dependencyConditions": ["Succeeded"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::suggest;

pub static RULE: Rule = Rule {
    code: "ADF0207",
    name: "unknown-dependency",
    severity: Severity::Error,
    summary: "`dependsOn` names an activity that is not a sibling",
    source: "src/rules/unknown_dependency.rs",
};

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    for a in &entity.activities {
        let siblings: Vec<&str> = entity
            .activities
            .iter()
            .filter(|s| s.parent == a.parent && s.branch == a.branch && s.name != a.name)
            .map(|s| s.name.as_str())
            .collect();
        for d in &a.depends_on {
            if siblings.iter().any(|s| s.eq_ignore_ascii_case(&d.name)) {
                continue;
            }
            let elsewhere = entity
                .activities
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&d.name) && o.name != a.name);
            let near = suggest::nearest(&d.name, siblings.iter().copied(), 3);
            let message = if d.name.eq_ignore_ascii_case(&a.name) {
                format!("activity `{}` depends on itself; remove this entry", a.name)
            } else if elsewhere {
                format!(
                    "`{}` is not in the same activities list as `{}`; dependsOn can only name activities \
                     of the same list (a container's inner activities cannot wait on outer ones)",
                    d.name, a.name
                )
            } else {
                format!(
                    "no activity named `{}` in this activities list{}",
                    d.name,
                    suggest::did_you_mean(&near)
                )
            };
            let plain_typo = !elsewhere && !d.name.eq_ignore_ascii_case(&a.name);
            let suggested: &[&str] = if plain_typo { &near } else { &[] };
            out.push(Diagnostic::new(&RULE, d.range, message).with_suggestion(suggested));
        }
    }
}
