//! ## What it does
//! Reports an activity whose name another activity of the same pipeline already has, compared
//! without regard to case. Activities nested in ForEach, IfCondition, Switch and Until count:
//! names are unique across the whole pipeline.
//!
//! ## Why is this bad?
//! `dependsOn` and `activity('...')` name activities, so two activities of one name cannot be
//! told apart, and the one meant may not be the one used. Data Factory's documentation does not
//! say what it does with such a pipeline, so this is a warning.
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Loop", "type": "ForEach", "typeProperties": {
//!                 "items": {"value": "@createArray(1, 2)", "type": "Expression"},
//!                 "activities": [{"name": "wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]
//!             }}
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
//!             {"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Loop", "type": "ForEach", "typeProperties": {
//!                 "items": {"value": "@createArray(1, 2)", "type": "Expression"},
//!                 "activities": [{"name": "WaitInLoop", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]
//!             }}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use foldhash::{HashMap, HashMapExt};

pub static RULE: Rule = Rule {
    code: "ADF0206",
    name: "duplicate-activity-name",
    severity: Severity::Warning,
    summary: "two activities of one pipeline share a name",
    source: "src/rules/duplicate_activity_name.rs",
};

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut acts: Vec<(usize, &crate::model::Activity)> =
        entity.activities.iter().enumerate().collect();
    acts.sort_by_key(|(_, a)| a.name_range.start);
    for (i, a) in acts {
        if a.name.is_empty() {
            continue;
        }
        // Lower-cased once: the key looked up is the key kept.
        let key = a.name.to_lowercase();
        if let Some(first) = seen.get(&key) {
            let first = &entity.activities[*first].name;
            out.push(Diagnostic::new(
                &RULE,
                a.name_range,
                format!(
                    "activity name `{}` is already used in pipeline `{}` (by `{first}`); names must be unique \
                     within a pipeline, nested activities included: rename one",
                    a.name, entity.name
                ),
            ));
        } else {
            seen.insert(key, i);
        }
    }
}
