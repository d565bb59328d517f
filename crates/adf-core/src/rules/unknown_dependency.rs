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
use crate::model::siblings::Siblings;
use crate::model::Entity;
use crate::steps::step;
use crate::suggest;
use foldhash::{HashMap, HashMapExt};

pub static RULE: Rule = Rule {
    code: "ADF0207",
    name: "unknown-dependency",
    severity: Severity::Error,
    summary: "`dependsOn` names an activity that is not a sibling",
    source: "src/rules/unknown_dependency.rs",
};

/// Names compared for "did you mean" in one pipeline at most: past it (only a pipeline far
/// beyond Data Factory's activity limit gets there) the findings come without suggestions, so
/// that thousands of wrong entries in a list of thousands stay linear.
const SUGGESTION_BUDGET: usize = 1_000_000;

/// An activities list: its container and which of the container's lists.
type List = (Option<usize>, u32);

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    if entity.activities.iter().all(|a| a.depends_on.is_empty()) {
        return;
    }
    let siblings = Siblings::of(entity);
    // The activities of each list, in order, for suggestions; built at the first miss.
    let mut lists: Option<HashMap<List, Vec<&str>>> = None;
    let mut budget = SUGGESTION_BUDGET;
    for a in &entity.activities {
        for d in &a.depends_on {
            if siblings.has_in_list_other_than(a, &d.name, &a.name) {
                continue;
            }
            let elsewhere = siblings.has_anywhere_other_than(&d.name, &a.name);
            let lists = lists.get_or_insert_with(|| {
                let mut lists: HashMap<_, Vec<&str>> = HashMap::new();
                for s in &entity.activities {
                    step(1);
                    lists.entry((s.parent, s.branch)).or_default().push(&s.name);
                }
                lists
            });
            let list = lists
                .get(&(a.parent, a.branch))
                .map_or(&[][..], Vec::as_slice);
            let near = if list.len() <= budget {
                budget -= list.len();
                step(list.len());
                let others = list.iter().copied().filter(|s| *s != a.name);
                suggest::nearest(&d.name, others, 3)
            } else {
                Vec::new()
            };
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

#[cfg(test)]
mod tests {
    use crate::steps::{chain, check_pipeline};

    #[test]
    fn steps_grow_linearly_with_the_activities() {
        let typo = r#"{"name": "Last", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
            "dependsOn": [{"activity": "A_0", "dependencyConditions": ["Succeeded"]}]}"#;
        let run = |n| check_pipeline(&chain(n, |_| None, typo));
        let (small, large) = (run(2_000), run(4_000));
        assert_eq!(small.0, ["unknown-dependency"]);
        assert_eq!(large.0, ["unknown-dependency"]);
        // Twice the activities, at most about twice the steps (a scan per entry was quadratic).
        assert!(
            large.1 * 10 <= small.1 * 22,
            "{} steps for 2 000 activities, {} for 4 000",
            small.1,
            large.1
        );
    }
}
