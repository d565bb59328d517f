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
//! The pipeline must succeed when nothing fails, and the failure must be absorbed through Upon
//! Completion (with the steps after it succeeding; the message says so). A step after the Upon
//! Completion path that reads the activity (or one inside it), `activity('X')`, is not reported: testing its
//! `Status` or `error` handles the failure (the page's "shared error handling" pattern, an If
//! Condition after Upon Completion paths), and reading its output would likely fail as well, so
//! what the pipeline reports is not known. Activities inside
//! ForEach, Until, If Condition and Switch are not reported: what a container reports when its
//! own list absorbs a failure is not documented (docs/run-outcomes.md). Neither is a pipeline
//! over Data Factory's limit of 120 activities (`too-many-activities`).
//!
//! ## Why is this bad?
//! It is often exactly what was wanted, so this is information: a data engineer who watches the
//! pipeline's status, or an Execute Pipeline that waits on it, sees Succeeded although the step
//! failed. When the step matters, let its failure surface: replace the Upon Completion path by
//! an Upon Success path and an Upon Failure path (the page's do-if-else: the skipped Upon
//! Success step's parent failed, so the pipeline fails). Adding an Upon Failure path beside the
//! Upon Completion one is what the page says cannot coexist (`conflicting-dependency-conditions`).
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
//! Use instead: `pipeline/Load.json`, a log after each outcome (the page's do-if-else), where a
//! failed copy still fails the run:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]}]},
//!             {"name": "LogFailure", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::outcome::{Condition, Graph, Outcomes};
use std::cell::OnceCell;

pub static RULE: Rule = Rule {
    code: "ADF0215",
    name: "failure-swallowed",
    severity: Severity::Info,
    summary: "the pipeline reports Succeeded although this activity failed (Upon Completion)",
    source: "src/rules/failure_swallowed.rs",
};

/// Checks one pipeline; `graph` is its run-outcome graph, built by the first rule that needs it.
pub(crate) fn check<'e>(
    entity: &'e Entity,
    graph: &OnceCell<Graph<'e>>,
    out: &mut Vec<Diagnostic>,
) {
    let acts = &entity.activities;
    // Only an Upon Completion path can be reported: without one there is nothing to evaluate.
    let any_completed = acts
        .iter()
        .any(|a| a.conditions.iter().any(|c| c.has_completed()));
    // One evaluation per candidate activity is quadratic in the list's size; a pipeline over
    // Data Factory's activity limit is reported by `too-many-activities` and left alone here.
    if !any_completed || acts.len() > super::too_many_activities::LIMIT {
        return;
    }
    let graph = graph.get_or_init(|| Graph::of(entity));
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
            cs.as_ref()
                .is_some_and(|cs| cs.contains(&Condition::Failed))
                || reads(entity, *d, x)
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
                "if `{}` fails and what runs after it succeeds, the pipeline reports Succeeded: \
                 {} runs on its Upon Completion path and nothing handles the failure. Fine for a \
                 best-effort step; if this failure should fail the run, replace Upon Completion by \
                 an Upon Success and an Upon Failure path",
                a.name,
                through.join(", ")
            ),
        ));
    }
}

/// Whether `reader` (or an activity inside it) reads `activity('<name>')` of `failing` or of an
/// activity inside it: testing its `Status` or `error` handles the failure (the page's shared
/// error handling after Upon Completion); reading its output would likely fail too, so what the
/// pipeline reports is not known.
fn reads(entity: &Entity, reader: usize, failing: usize) -> bool {
    let acts = &entity.activities;
    let Some(r) = acts.get(reader) else {
        return false;
    };
    r.reads_activities.iter().any(|(n, _)| {
        entity.activities_named(n).iter().any(|&t| {
            // `t` is `failing` or sits inside it: walk up its containers (bounded by nesting).
            let mut at = Some(t);
            while let Some(i) = at {
                if i == failing {
                    return true;
                }
                at = acts.get(i).and_then(|a| a.parent).filter(|p| *p < i);
            }
            false
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::steps::check_pipeline;

    /// A chain of `n` Waits, each on Upon Completion of the one before (every one a candidate).
    fn completion_chain(n: usize) -> String {
        let acts: Vec<String> = (0..n)
            .map(|i| match i {
                0 => r#"{"name": "A0", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}"#
                    .to_string(),
                _ => format!(
                    r#"{{"name": "A{i}", "type": "Wait", "typeProperties": {{"waitTimeInSeconds": 1}},
                    "dependsOn": [{{"activity": "A{}", "dependencyConditions": ["Completed"]}}]}}"#,
                    i - 1
                ),
            })
            .collect();
        format!(
            r#"{{"name": "Chain", "properties": {{"activities": [{}]}}}}"#,
            acts.join(",")
        )
    }

    #[test]
    fn every_step_of_a_completion_chain_is_reported_and_a_huge_one_is_left_alone() {
        let (small, _) = check_pipeline(&completion_chain(5));
        assert_eq!(small, ["failure-swallowed"; 4]);
        let (big, _) = check_pipeline(&completion_chain(1_000));
        assert!(big.iter().all(|r| *r != "failure-swallowed"), "{big:?}");
    }
}
