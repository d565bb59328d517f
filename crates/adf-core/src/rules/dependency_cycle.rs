//! ## What it does
//! Reports activities that wait on each other through `dependsOn`, directly or through other
//! activities, so that none of them can ever start. The cycle is reported once, on the
//! dependency of its first activity, and named in full.
//!
//! ## Why is this bad?
//! Activities that wait on each other can never start: every activity of the cycle waits
//! forever for another one. Data Factory's documentation does not say whether publishing
//! rejects such a pipeline or the run does, so this is a warning.
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "B", "dependencyConditions": ["Succeeded"]}]},
//!             {"name": "B", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "A", "dependencyConditions": ["Succeeded"]}]}
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
//!             {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!             {"name": "B", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//!              "dependsOn": [{"activity": "A", "dependencyConditions": ["Succeeded"]}]}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;

pub static RULE: Rule = Rule {
    code: "ADF0208",
    name: "dependency-cycle",
    severity: Severity::Warning,
    summary: "activities wait on each other through `dependsOn`",
    source: "src/rules/dependency_cycle.rs",
};

/// Checks one pipeline: a depth-first search per activities list, iterative.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let acts = &entity.activities;
    if acts.iter().all(|a| a.depends_on.is_empty()) {
        return;
    }
    // Edges: activity -> the siblings it waits on.
    let edges: Vec<&[usize]> = acts.iter().map(|a| a.waits_on.as_slice()).collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; acts.len()];
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for start in 0..acts.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        path.push((to, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<usize> = path[from..].iter().map(|(n, _)| *n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if !reported.contains(&key) {
                            reported.push(key);
                            report(entity, &mut cycle, out);
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
}

fn report(entity: &Entity, cycle: &mut [usize], out: &mut Vec<Diagnostic>) {
    // Start the cycle at the activity written first so the message is stable.
    let first = (0..cycle.len())
        .min_by_key(|i| entity.activities[cycle[*i]].name_range.start)
        .unwrap_or(0);
    cycle.rotate_left(first);
    let names: Vec<&str> = cycle
        .iter()
        .map(|i| entity.activities[*i].name.as_str())
        .collect();
    let a = &entity.activities[cycle[0]];
    let waits_on = names.get(1).copied().unwrap_or(names[0]);
    let Some(dep) = a
        .depends_on
        .iter()
        .find(|d| d.name.eq_ignore_ascii_case(waits_on))
    else {
        return;
    };
    let mut chain = names.join("` → `");
    chain.push_str(&format!("` → `{}", names[0]));
    out.push(Diagnostic::new(
        &RULE,
        dep.range,
        format!("activities wait on each other: `{chain}`; none of them can start. Remove one of these dependencies"),
    ));
}
