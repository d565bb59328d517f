//! ## What it does
//! Reports `activity('X')` where `X` exists but has not run when the expression is evaluated.
//! An expression may read the output of:
//! - an activity it waits on through `dependsOn`, directly or through a chain of them;
//! - an activity upstream of one of its containers: activities inside a ForEach, an If branch
//!   or a Switch case see what ran before the container (and the container's own `items`,
//!   `expression` and `on` see only that, never the inner activities);
//! - the inner activities of an Until, from the Until's `expression` and from inside the loop
//!   (they have run at least once by then, or ran in the previous pass);
//! - any activity nested inside an upstream container.
//!
//! An activity cannot read its own output.
//!
//! ## Why is this bad?
//! When the run reaches the expression, the named activity has not run yet, or has not
//! certainly run (it is on another branch, or later in the chain), so there is no output to
//! read there. Data Factory's documentation does not say whether publishing or the run rejects
//! such a reference, so this is a warning; an `activity('X')` naming no activity at all is
//! `unknown-activity-reference`, an error.
//!
//! ## Example
//! `pipeline/Report.json`:
//! ```json
//! {
//!     "name": "Report",
//!     "properties": {
//!         "variables": {"status": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Record", "type": "SetVariable",
//!              "typeProperties": {"variableName": "status", "value": "@string(activity('Pause').output)"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Report.json`:
//! ```json
//! {
//!     "name": "Report",
//!     "properties": {
//!         "variables": {"status": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Record", "type": "SetVariable",
//!              "dependsOn": [{"activity": "Pause", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "status", "value": "@string(activity('Pause').output)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{is_upstream, literal, Cx};
use crate::expr::syntax::Expr;

pub static RULE: Rule = Rule {
    code: "ADF0307",
    name: "activity-not-upstream",
    severity: Severity::Warning,
    summary: "`activity('X')` names an activity that has not run before this expression",
    source: "src/rules/activity_not_upstream.rs",
};

/// Checks `activity('X')` whose name exists.
pub(crate) fn check(cx: &Cx<'_>, args: &[Expr], out: &mut Vec<Diagnostic>) {
    let Some(anchor) = cx.activity else { return };
    let Some(arg) = args.first() else { return };
    let Some(name) = literal(arg) else { return };
    let acts = &cx.entity.activities;
    let targets = cx.entity.activities_named(name);
    if targets
        .iter()
        .any(|t| is_upstream(cx.entity, anchor, cx.slot, *t))
    {
        return;
    }
    let here = acts.get(anchor).map_or("", |a| a.name.as_str());
    let message = if targets.contains(&anchor) {
        format!("activity `{here}` cannot read its own output")
    } else {
        format!(
            "`{name}` has not run when `{here}` evaluates this: add a dependsOn chain from `{name}` \
             to `{here}` (or to its container)"
        )
    };
    out.push(Diagnostic::new(&RULE, cx.range(&arg.range), message));
}

#[cfg(test)]
mod tests {
    use crate::steps::{chain, check_pipeline};

    #[test]
    fn steps_grow_linearly_along_a_chain_that_reads_its_predecessors() {
        // The last activity reads one that waits on nothing it waits on.
        let reads_ahead = r#"{"name": "Last", "type": "SetVariable",
            "typeProperties": {"variableName": "v", "value": "@string(activity('A1').output)"}}"#;
        let run = |n| check_pipeline(&chain(n, |i| i.checked_sub(1), reads_ahead));
        let (small, large) = (run(1_000), run(2_000));
        assert_eq!(small.0, ["activity-not-upstream"]);
        assert_eq!(large.0, ["activity-not-upstream"]);
        // A scan per name and per dependency made this cubic.
        assert!(
            large.1 * 10 <= small.1 * 22,
            "{} steps for 1 000 activities, {} for 2 000",
            small.1,
            large.1
        );
    }
}
