//! ## What it does
//! Reports an activity whose `dependsOn` entries can never all hold in one run, so that Data
//! Factory skips it every time: for example `Publish` waits on `Copy` Succeeded and on
//! `Cleanup`, while `Cleanup` runs only when `Copy` failed; or an activity waits on a Fail
//! activity Succeeded, or on an activity that always runs with Skipped.
//!
//! Every outcome of the activities it waits on, directly or through others, is tried (up to 12
//! whose outcome can vary; a larger or partly unknown upstream is left alone). An activity skipped only because
//! an earlier one can never run is not reported again: the earlier one is. Entries whose
//! conditions are an expression or unknown, inactive activities and dependency cycles are left
//! alone. An activity that a later one waits on with Skipped is not reported either: an
//! activity that can never run, followed by an Upon Skip path, is a known way to join two
//! exclusive branches (Microsoft's own Delphix gallery template does it). docs/run-outcomes.md
//! describes the analysis.
//!
//! ## Why is this bad?
//! Entries of `dependsOn` on different activities must all hold, and the conditions listed in one
//! entry are alternatives; an activity that waits on something impossible never runs, and no
//! error says so: the run shows it as Skipped. Data Factory takes such a pipeline, so this is a
//! warning; the usual fix is an Upon Completion or Upon Skip condition, or waiting on fewer
//! activities.
//!
//! Sources: the activity dependency section of
//! <https://learn.microsoft.com/azure/data-factory/concepts-pipelines-activities#activity-dependency>
//! (what each condition needs, and that an activity that does not run is Skipped), and
//! <https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling>
//! ("And": several dependencies must all hold).
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "Cleanup", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]},
//!             {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]},
//!                            {"activity": "Cleanup", "dependencyConditions": ["Succeeded"]}]}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`, with `Publish` after the copy, whether or not the cleanup
//! ran:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "Cleanup", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]},
//!             {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::outcome::{conditions, Condition, Graph};
use std::cell::OnceCell;

pub static RULE: Rule = Rule {
    code: "ADF0214",
    name: "unreachable-activity",
    severity: Severity::Warning,
    summary: "an activity's dependencies can never all hold, so it never runs",
    source: "src/rules/unreachable_activity.rs",
};

/// Checks one pipeline; `graph` is its run-outcome graph, built by the first rule that needs it.
pub(crate) fn check<'e>(
    entity: &'e Entity,
    graph: &OnceCell<Graph<'e>>,
    out: &mut Vec<Diagnostic>,
) {
    if entity.activities.iter().all(|a| a.depends_on.is_empty()) {
        return;
    }
    let graph = graph.get_or_init(|| Graph::of(entity));
    let mut never = vec![None; entity.activities.len()];
    for list in &graph.lists {
        let sets = graph.possible(list);
        // Dependency order: the activities waited on are decided first.
        for (p, &i) in list.order.iter().enumerate() {
            let a = &entity.activities[i];
            if a.depends_on.is_empty() || a.inactive {
                continue;
            }
            never[i] = graph.never_runs_at(list, &sets, p);
            if never[i] != Some(true) {
                continue;
            }
            // Only the first activity of a chain that never runs: the others follow from it.
            let upstream_never = a.waits_on.iter().any(|t| never[*t] == Some(true));
            // A later activity waiting on its Skipped uses the skip on purpose: an activity that
            // can never run is a known way to join two exclusive branches (the next step runs
            // on its Upon Skip once either branch is done).
            let skip_used = graph.dependents(i).iter().any(|(_, cs)| {
                cs.as_ref()
                    .is_some_and(|cs| cs.contains(&Condition::Skipped))
            });
            if upstream_never || skip_used {
                continue;
            }
            let needs: Vec<String> = a
                .depends_on
                .iter()
                .enumerate()
                .map(|(e, d)| {
                    let cs = conditions(a, e)
                        .map(|cs| {
                            cs.iter()
                                .map(|c| format!("{c:?}"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        })
                        .unwrap_or_default();
                    format!("`{}` {cs}", d.name)
                })
                .collect();
            out.push(Diagnostic::new(
                &RULE,
                a.name_range,
                format!(
                    "`{}` never runs: it needs {}, and no outcome of the activities before it \
                     gives all of that at once, so every run skips it. Change its dependency \
                     conditions (Upon Completion or Upon Skip) or wait on fewer activities",
                    a.name,
                    needs.join(" and ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::steps::check_pipeline;

    /// `n` Waits, each on Upon Success of the one before and of the one before that (every one
    /// a join to enumerate), and one on Upon Skip of `A0`, which always runs.
    fn joins(n: usize) -> String {
        let mut acts: Vec<String> = (0..n)
            .map(|i| {
                let mut deps = Vec::new();
                if i >= 1 {
                    deps.push(format!(
                        r#"{{"activity": "A{}", "dependencyConditions": ["Succeeded"]}}"#,
                        i - 1
                    ));
                }
                if i >= 2 {
                    deps.push(format!(
                        r#"{{"activity": "A{}", "dependencyConditions": ["Succeeded"]}}"#,
                        i - 2
                    ));
                }
                format!(
                    r#"{{"name": "A{i}", "type": "Wait", "typeProperties": {{"waitTimeInSeconds": 1}},
                    "dependsOn": [{}]}}"#,
                    deps.join(",")
                )
            })
            .collect();
        acts.push(
            r#"{"name": "Never", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
            "dependsOn": [{"activity": "A0", "dependencyConditions": ["Skipped"]}]}"#
                .to_string(),
        );
        format!(
            r#"{{"name": "Chain", "properties": {{"activities": [{}]}}}}"#,
            acts.join(",")
        )
    }

    #[test]
    fn steps_grow_linearly_along_a_chain_of_joins() {
        let run = |n| check_pipeline(&joins(n));
        let (small, large) = (run(1_000), run(2_000));
        assert_eq!(small.0, ["unreachable-activity"]);
        assert_eq!(large.0, ["unreachable-activity"]);
        assert!(
            large.1 * 10 <= small.1 * 22,
            "{} steps for 1 000 activities, {} for 2 000",
            small.1,
            large.1
        );
    }
}
