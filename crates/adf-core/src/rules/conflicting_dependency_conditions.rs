//! ## What it does
//! Reports an activity that has an Upon Completion path and also an Upon Success or Upon
//! Failure path: a `dependsOn` entry with `Completed` on it, and another entry (of another
//! activity, or the same entry) with `Succeeded` or `Failed` on it. It is reported once per
//! activity, on the first `Completed` entry that names it.
//!
//! ## Why is this bad?
//! Microsoft's error-handling page says that several paths may leave an activity except that
//! Upon Completion cannot coexist with Upon Success or Upon Failure, and that at most one path is
//! taken per run. Data Factory takes such a pipeline (templates of Microsoft's own gallery have
//! one), and then runs both paths: when the activity fails, the Upon Completion path and the
//! Upon Failure path both run; when it succeeds, Upon Completion and Upon Success both run. In
//! one entry, `Completed` already covers `Succeeded` and `Failed`. Either way the pipeline does
//! not follow the page's model. It is information, not a warning: Data Factory publishes and
//! runs it, and two templates of Microsoft's own gallery ("Unlock SharePoint") use it on
//! purpose, so it is not likely a mistake; it is worth knowing that both paths run. To follow the
//! page, pick one kind of path (Upon Completion alone, or Upon Success and Upon Failure).
//!
//! Source: <https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling>
//! ("Conditional paths").
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "Notify", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]},
//!             {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Completed"]}]}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`, with the log after each outcome of its own:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "Notify", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]},
//!             {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::outcome::{conditions, Condition};
use foldhash::{HashMap, HashMapExt};

pub static RULE: Rule = Rule {
    code: "ADF0216",
    name: "conflicting-dependency-conditions",
    severity: Severity::Info,
    summary: "Upon Completion and Upon Success or Upon Failure leave the same activity",
    source: "src/rules/conflicting_dependency_conditions.rs",
};

/// The paths that leave one activity: the first Completed entry (dependent, entry) and the
/// first Succeeded or Failed one (dependent, condition).
#[derive(Default)]
struct Paths {
    completed: Option<(usize, usize)>,
    other: Option<(usize, Condition)>,
}

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let acts = &entity.activities;
    let mut leaving: HashMap<usize, Paths> = HashMap::new();
    for (d, a) in acts.iter().enumerate() {
        for (entry, dep) in a.depends_on.iter().enumerate() {
            let Some(cs) = conditions(a, entry) else {
                continue;
            };
            // The activity named, in the same list (the first of that name, as Data Factory's
            // own lookup is by name).
            let Some(&target) = a.waits_on.iter().find(|t| {
                acts.get(**t)
                    .is_some_and(|t| t.name.eq_ignore_ascii_case(&dep.name))
            }) else {
                continue;
            };
            let p = leaving.entry(target).or_default();
            if cs.contains(&Condition::Completed) && p.completed.is_none() {
                p.completed = Some((d, entry));
            }
            if p.other.is_none() {
                if let Some(c) = cs
                    .iter()
                    .find(|c| matches!(c, Condition::Succeeded | Condition::Failed))
                {
                    p.other = Some((d, *c));
                }
            }
        }
    }
    let mut found: Vec<(usize, &Paths)> = leaving
        .iter()
        .filter(|(_, p)| p.completed.is_some() && p.other.is_some())
        .map(|(t, p)| (*t, p))
        .collect();
    found.sort_unstable_by_key(|(t, _)| *t);
    for (target, p) in found {
        let (Some((cd, entry)), Some((od, oc))) = (p.completed, p.other) else {
            continue;
        };
        let (Some(t), Some(c), Some(o)) = (acts.get(target), acts.get(cd), acts.get(od)) else {
            continue;
        };
        let Some(at) = c.depends_on.get(entry) else {
            continue;
        };
        let message = if cd == od {
            format!(
                "`{}` waits on `{}` with Completed and {oc:?} at once: Completed already covers \
                 Succeeded and Failed, and Microsoft's error-handling page says Upon Completion \
                 cannot coexist with Upon Success or Upon Failure. Keep only Completed",
                c.name, t.name
            )
        } else {
            let both = match oc {
                Condition::Failed => "when it fails, both run",
                _ => "when it succeeds, both run",
            };
            format!(
                "`{}` has an Upon Completion path (`{}`) and an {} path (`{}`); Microsoft's \
                 error-handling page says these cannot coexist, and {both}. Use Upon Completion \
                 alone, or Upon Success and Upon Failure",
                t.name,
                c.name,
                oc.path(),
                o.name
            )
        };
        out.push(Diagnostic::new(&RULE, at.range, message));
    }
}
