//! ## What it does
//! Reports a control-flow activity nested where Data Factory does not allow it. Microsoft's
//! "Nested activities" article (learn.microsoft.com/azure/data-factory/concepts-nested-activities)
//! documents these limits:
//! - ForEach and Until cannot be nested in a ForEach or an Until, at any depth;
//! - IfCondition and Switch may sit in a ForEach or an Until, but no control-flow container
//!   (ForEach, Until, IfCondition, Switch) may sit inside an IfCondition or a Switch;
//! - a Validation activity cannot sit inside any of them.
//!
//! The usual fix is to move the inner container into a child pipeline started with an
//! ExecutePipeline activity.
//!
//! ## Why is this bad?
//! Data Factory does not support these nestings: ADF Studio does not build them, and the
//! documented workaround is a child pipeline started by an Execute Pipeline activity.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/concepts-nested-activities (section on
//!   nesting limitations): If and Switch can go inside ForEach and Until but not inside If or
//!   Switch; ForEach and Until support a single level of nesting; a Validation activity cannot
//!   be placed inside a nested activity (a container).
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Outer", "type": "ForEach", "typeProperties": {
//!                 "items": {"value": "@createArray(1, 2)", "type": "Expression"},
//!                 "activities": [{"name": "Inner", "type": "ForEach", "typeProperties": {
//!                     "items": {"value": "@createArray(3, 4)", "type": "Expression"},
//!                     "activities": []
//!                 }}]
//!             }}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`, with the inner loop in a child pipeline `LoadOne`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Outer", "type": "ForEach", "typeProperties": {
//!                 "items": {"value": "@createArray(1, 2)", "type": "Expression"},
//!                 "activities": [{"name": "RunInner", "type": "ExecutePipeline", "typeProperties": {
//!                     "pipeline": {"referenceName": "LoadOne", "type": "PipelineReference"}
//!                 }}]
//!             }}
//!         ]
//!     }
//! }
//! ```
//!
//! `pipeline/LoadOne.json` (beside both):
//! ```json
//! {"name": "LoadOne", "properties": {"activities": []}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;

pub static RULE: Rule = Rule {
    code: "ADF0210",
    name: "invalid-nesting",
    severity: Severity::Error,
    summary: "a control-flow activity nested where Data Factory does not allow it",
    source: "src/rules/invalid_nesting.rs",
};

fn is(t: Option<&str>, names: &[&str]) -> bool {
    t.is_some_and(|t| names.iter().any(|n| n.eq_ignore_ascii_case(t)))
}

/// `a ForEach`, `an IfCondition`.
fn with_article(name: &str) -> String {
    let vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {name}", if vowel { "an" } else { "a" })
}

const LOOPS: &[&str] = &["ForEach", "Until"];
const BRANCHES: &[&str] = &["IfCondition", "Switch"];
const CONTAINERS: &[&str] = &["ForEach", "Until", "IfCondition", "Switch"];

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    for a in &entity.activities {
        let ty = a.type_name.as_deref();
        if is(ty, &["Validation"]) {
            // Activities only nest inside containers, so any parent is one.
            if let Some(pa) = a.parent.and_then(|p| entity.activities.get(p)) {
                out.push(Diagnostic::new(
                    &RULE,
                    a.type_range.unwrap_or(a.name_range),
                    format!(
                        "a Validation activity cannot be placed inside {} activity (`{}`); move \
                         `{}` to the top level of the pipeline, before the container",
                        with_article(pa.type_name.as_deref().unwrap_or("container")),
                        pa.name,
                        a.name
                    ),
                ));
            }
            continue;
        }
        if !is(ty, CONTAINERS) {
            continue;
        }
        let mut parent = a.parent;
        // The activities list is finite and parents come before children, so this ends.
        let mut guard = entity.activities.len();
        while let Some(p) = parent {
            let Some(pa) = entity.activities.get(p) else {
                break;
            };
            let pty = pa.type_name.as_deref();
            let forbidden = (is(ty, LOOPS) && is(pty, LOOPS)) || is(pty, BRANCHES);
            if forbidden {
                out.push(Diagnostic::new(
                    &RULE,
                    a.type_range.unwrap_or(a.name_range),
                    format!(
                        "{} activity cannot be nested in {} activity (`{}`); move `{}` into a child \
                         pipeline and start it with an ExecutePipeline activity",
                        with_article(ty.unwrap_or("container")),
                        with_article(pty.unwrap_or("container")),
                        pa.name,
                        a.name
                    ),
                ));
                break;
            }
            parent = pa.parent;
            guard = guard.saturating_sub(1);
            if guard == 0 {
                break;
            }
        }
    }
}
