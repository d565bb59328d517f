//! ## What it does
//! Reports a top-level activity whose failure the pipeline does not report: if it fails, the
//! run goes on through an Upon Completion path and the pipeline still ends Succeeded, while
//! nothing handles the failure (no Upon Failure path from it).
//!
//! Microsoft's error-handling page decides a pipeline's status from its leaf activities (those
//! nothing depends on): a skipped leaf is replaced by its parent, and the pipeline succeeds when
//! every activity so evaluated succeeded. A failure that a later activity "takes over" is
//! therefore not the pipeline's failure. Three cases follow:
//!
//! - **try-catch**: only an Upon Failure path leaves the activity; when the handler succeeds
//!   the pipeline succeeds. The handler is written for that failure, so this rule is silent.
//! - **do-if-skip-else** and the page's **generic error handling**: the failure is taken over
//!   through Upon Skip of a later activity, again by an activity written for it: silent.
//! - **Upon Completion**: the next activity runs whatever the outcome, and if it succeeds the
//!   pipeline reports Succeeded. The page recommends this for best-effort steps (a log whose
//!   failure must not stop the work), and that is when it is meant; after a step that matters,
//!   a final logging or clean-up step on Upon Completion hides its failure. This is the case
//!   reported.
//!
//! The activity must also be one whose failure the pipeline would otherwise report (the
//! pipeline succeeds when nothing fails, and Upon Completion is the path that absorbs it). An If
//! Condition that reads the activity's `Status` after an Upon Completion path (the page's
//! "shared error handling" pattern) handles the failure, and is not reported. Activities inside
//! ForEach, Until, If Condition and Switch are not reported: what a container reports when its
//! own list absorbs a failure is not documented (docs/run-outcomes.md).
//!
//! ## Why is this bad?
//! It is often exactly what was wanted, so this is information: a data engineer who watches the
//! pipeline's status, or an Execute Pipeline that waits on it, sees Succeeded although the step
//! failed. When the step matters, let its failure surface: wait on it with Upon Success, or add
//! an Upon Failure path that ends in a Fail activity.
//!
//! Source: <https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling>
//! (how the pipeline's status is determined; "Best effort steps").
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Completed"]}]}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`, where a failed copy still fails the run:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Completed"]}]},
//!             {"name": "Rethrow", "type": "Fail",
//!              "typeProperties": {"message": "Copy failed", "errorCode": "500"},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::outcome::{Condition, Graph, Outcomes};

pub static RULE: Rule = Rule {
    code: "ADF0215",
    name: "failure-swallowed",
    severity: Severity::Info,
    summary: "the pipeline reports Succeeded although this activity failed (Upon Completion)",
    source: "src/rules/failure_swallowed.rs",
};

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let acts = &entity.activities;
    // Only an Upon Completion path can be reported: without one there is nothing to evaluate.
    let any_completed = acts.iter().any(|a| {
        a.conditions.iter().any(|c| {
            c.names
                .iter()
                .any(|n| n.name.eq_ignore_ascii_case("Completed"))
        })
    });
    if !any_completed {
        return;
    }
    let graph = Graph::of(entity);
    let Some(top) = graph.top() else { return };
    let Some(base) = graph.baseline() else { return };
    if !base.status.is(Outcomes::SUCCEEDED) {
        return;
    }
    for &x in &top.order {
        let a = &acts[x];
        if a.inactive
            || a.type_name
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("Fail"))
        {
            continue;
        }
        let dependents = graph.dependents(x);
        let via_completion = dependents.iter().any(|(_, cs)| {
            cs.as_ref().is_some_and(|cs| {
                cs.contains(&Condition::Completed) && !cs.contains(&Condition::Failed)
            })
        });
        let handled = dependents.iter().any(|(d, cs)| {
            cs.as_ref().is_some_and(|cs| cs.contains(&Condition::Failed))
                || reads_status(entity, *d, &a.name)
        });
        if !via_completion || handled {
            continue;
        }
        let Some(result) = graph.if_fails(x) else {
            continue;
        };
        if !result.status.is(Outcomes::SUCCEEDED) {
            continue;
        }
        let through: Vec<String> = result
            .absorbed
            .iter()
            .filter(|(from, _, c)| *from == x && *c == Condition::Completed)
            .filter_map(|(_, to, _)| acts.get(*to))
            .map(|t| format!("`{}`", t.name))
            .collect();
        if through.is_empty() {
            continue;
        }
        out.push(Diagnostic::new(
            &RULE,
            a.name_range,
            format!(
                "if `{}` fails, the pipeline still reports Succeeded: {} runs on its Upon \
                 Completion path and nothing handles the failure. Fine for a best-effort step; if \
                 this failure should fail the run, add an Upon Failure path that ends in a Fail \
                 activity",
                a.name,
                through.join(", ")
            ),
        ));
    }
}

/// Whether `reader` (or an activity inside it) is an If Condition or Switch whose expression
/// names `activity('<name>')`: the page's pattern of checking `Status` after Upon Completion.
fn reads_status(entity: &Entity, reader: usize, name: &str) -> bool {
    entity
        .activities
        .get(reader)
        .is_some_and(|a| a.reads_activities.iter().any(|r| r.eq_ignore_ascii_case(name)))
}
