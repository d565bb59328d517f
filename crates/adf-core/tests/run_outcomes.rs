//! The run-outcome analysis on the patterns of Microsoft's "Errors and Conditional execution"
//! page (https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling),
//! each with the outcome the page states, and the rules built on it.

use crate::fixture::assert_findings_of;
use adf_core::outcome::{Graph, Outcomes};
use adf_core::{fixture, Workspace};

/// A workspace holding one pipeline `P` with these activities (a JSON array's items).
fn pipeline(activities: &str) -> Workspace {
    fixture::parse(&format!(
        "//- f/pipeline/P.json\n{{\"name\": \"P\", \"properties\": {{\"activities\": [{activities}]}}}}\n"
    ))
    .workspace()
}

/// A Wait activity named `name` with these `dependsOn` entries (`("A", "Succeeded")`, ...;
/// conditions of one entry joined by `|`).
fn wait(name: &str, deps: &[(&str, &str)]) -> String {
    let deps: Vec<String> = deps
        .iter()
        .map(|(a, cs)| {
            let cs: Vec<String> = cs.split('|').map(|c| format!("\"{c}\"")).collect();
            format!(
                r#"{{"activity": "{a}", "dependencyConditions": [{}]}}"#,
                cs.join(", ")
            )
        })
        .collect();
    format!(
        r#"{{"name": "{name}", "type": "Wait", "typeProperties": {{"waitTimeInSeconds": 1}}, "dependsOn": [{}]}}"#,
        deps.join(", ")
    )
}

fn word(o: Outcomes) -> &'static str {
    match o {
        o if o.is(Outcomes::SUCCEEDED) => "Succeeded",
        o if o.is(Outcomes::FAILED) => "Failed",
        o if o.is(Outcomes::SKIPPED) => "Skipped",
        _ => "unknown",
    }
}

/// Each top-level activity's outcome and the pipeline's status when `failing` fails (or
/// nothing does), as `name: outcome` lines and a last `pipeline: status`.
fn outcomes(ws: &Workspace, failing: Option<&str>) -> Vec<String> {
    let e = &ws.model("f/pipeline/P.json").expect("model").entities[0];
    let graph = Graph::of(e);
    let failing = failing.map(|n| {
        e.activities
            .iter()
            .position(|a| a.name == n)
            .expect("activity")
    });
    let (list, run) = graph.top_run(failing).expect("top list");
    let mut out: Vec<String> = list
        .order
        .iter()
        .zip(&run.states)
        .map(|(i, s)| format!("{}: {}", e.activities[*i].name, word(*s)))
        .collect();
    out.sort();
    out.push(format!("pipeline: {}", word(run.status)));
    out
}

/// The pipeline's status when `failing` fails, as the full analysis (containers included) says.
fn if_fails(ws: &Workspace, failing: &str) -> &'static str {
    let e = &ws.model("f/pipeline/P.json").expect("model").entities[0];
    let i = e
        .activities
        .iter()
        .position(|a| a.name == failing)
        .expect("activity");
    Graph::of(e)
        .if_fails(i)
        .map_or("unknown", |r| word(r.status))
}

#[test]
fn try_catch_succeeds_either_way() {
    // Only an Upon Failure path: the page's summary table gives Success both ways.
    let ws = pipeline(&[wait("Try", &[]), wait("Catch", &[("Try", "Failed")])].join(","));
    assert_eq!(
        outcomes(&ws, None),
        ["Catch: Skipped", "Try: Succeeded", "pipeline: Succeeded"]
    );
    assert_eq!(
        outcomes(&ws, Some("Try")),
        ["Catch: Succeeded", "Try: Failed", "pipeline: Succeeded"]
    );
}

#[test]
fn do_if_else_fails_when_the_activity_fails() {
    // Upon Success and Upon Failure: Success when it succeeds, Failure when it fails, even
    // though the Upon Failure path succeeds (the skipped Upon Success leaf's parent failed).
    let ws = pipeline(
        &[
            wait("Try", &[]),
            wait("OnSuccess", &[("Try", "Succeeded")]),
            wait("OnFailure", &[("Try", "Failed")]),
        ]
        .join(","),
    );
    assert_eq!(
        outcomes(&ws, None),
        [
            "OnFailure: Skipped",
            "OnSuccess: Succeeded",
            "Try: Succeeded",
            "pipeline: Succeeded"
        ]
    );
    assert_eq!(
        outcomes(&ws, Some("Try")),
        [
            "OnFailure: Succeeded",
            "OnSuccess: Skipped",
            "Try: Failed",
            "pipeline: Failed"
        ]
    );
}

#[test]
fn do_if_skip_else_succeeds_either_way() {
    // A dummy on Upon Skip of the Upon Success path: Success both ways.
    let ws = pipeline(
        &[
            wait("Try", &[]),
            wait("OnSuccess", &[("Try", "Succeeded")]),
            wait("OnFailure", &[("Try", "Failed")]),
            wait("DummyOnSkip", &[("OnSuccess", "Skipped")]),
        ]
        .join(","),
    );
    assert_eq!(
        outcomes(&ws, None),
        [
            "DummyOnSkip: Skipped",
            "OnFailure: Skipped",
            "OnSuccess: Succeeded",
            "Try: Succeeded",
            "pipeline: Succeeded"
        ]
    );
    assert_eq!(
        outcomes(&ws, Some("Try")),
        [
            "DummyOnSkip: Succeeded",
            "OnFailure: Succeeded",
            "OnSuccess: Skipped",
            "Try: Failed",
            "pipeline: Succeeded"
        ]
    );
}

#[test]
fn try_catch_proceed_runs_the_next_activity_either_way() {
    // "Next Activity will run regardless if First Activity succeeds or not": with the error
    // handler's Upon Completion and Upon Skip paths into it.
    let ws = pipeline(
        &[
            wait("First", &[]),
            wait("ErrorHandling", &[("First", "Failed")]),
            wait("Next", &[("ErrorHandling", "Completed|Skipped")]),
        ]
        .join(","),
    );
    assert_eq!(
        outcomes(&ws, None),
        [
            "ErrorHandling: Skipped",
            "First: Succeeded",
            "Next: Succeeded",
            "pipeline: Succeeded"
        ]
    );
    assert_eq!(
        outcomes(&ws, Some("First")),
        [
            "ErrorHandling: Succeeded",
            "First: Failed",
            "Next: Succeeded",
            "pipeline: Succeeded"
        ]
    );
    // The page's text names Upon Failure and Upon Skip instead: by the conditions' own meaning
    // Next then runs only when the handler fails or is skipped, not after a handler that
    // succeeded (docs/run-outcomes.md).
    let literal = pipeline(
        &[
            wait("First", &[]),
            wait("ErrorHandling", &[("First", "Failed")]),
            wait("Next", &[("ErrorHandling", "Failed|Skipped")]),
        ]
        .join(","),
    );
    assert!(outcomes(&literal, Some("First")).contains(&"Next: Skipped".to_string()));
}

#[test]
fn generic_error_handling_runs_only_when_a_step_fails() {
    // Sequential steps; the handler on Upon Failure and Upon Skip of the last one: it runs if
    // any step fails and not when they all succeed.
    let steps = [
        wait("Copy1", &[]),
        wait("Copy2", &[("Copy1", "Succeeded")]),
        wait("Copy3", &[("Copy2", "Succeeded")]),
        wait("ErrorHandling", &[("Copy3", "Failed|Skipped")]),
        wait("ErrorLog", &[("ErrorHandling", "Succeeded")]),
    ]
    .join(",");
    let ws = pipeline(&steps);
    let quiet = outcomes(&ws, None);
    assert!(
        quiet.contains(&"ErrorHandling: Skipped".to_string()),
        "{quiet:?}"
    );
    assert!(
        quiet.contains(&"ErrorLog: Skipped".to_string()),
        "{quiet:?}"
    );
    assert!(
        quiet.contains(&"pipeline: Succeeded".to_string()),
        "{quiet:?}"
    );
    for failing in ["Copy1", "Copy2", "Copy3"] {
        let got = outcomes(&ws, Some(failing));
        assert!(
            got.contains(&"ErrorHandling: Succeeded".to_string()),
            "{failing}: {got:?}"
        );
        assert!(
            got.contains(&"ErrorLog: Succeeded".to_string()),
            "{failing}: {got:?}"
        );
    }
    // The handler takes the failure over: through the last step's skip, or its failure.
    let e = &ws.model("f/pipeline/P.json").expect("model").entities[0];
    let text = |i| adf_core::outcome::if_fails_text(e, i).unwrap_or_default();
    assert!(
        text(0).contains("**Succeeded** via `ErrorHandling` (Upon Skip of `Copy3`)"),
        "{}",
        text(0)
    );
    assert!(
        text(2).contains("**Succeeded** via `ErrorHandling` (Upon Failure of `Copy3`)"),
        "{}",
        text(2)
    );
}

#[test]
fn best_effort_step_does_not_block_the_work_flow() {
    // "Best effort steps": the next step on Upon Completion runs even if the log fails.
    let ws = pipeline(&[wait("Log", &[]), wait("Work", &[("Log", "Completed")])].join(","));
    assert_eq!(
        outcomes(&ws, Some("Log")),
        ["Log: Failed", "Work: Succeeded", "pipeline: Succeeded"]
    );
}

#[test]
fn and_needs_every_dependency() {
    // "And": both Upon Success: the next step is skipped when either fails; with one Upon
    // Completion it runs when that one fails.
    let ws = pipeline(
        &[
            wait("Web1", &[]),
            wait("Web2", &[]),
            wait("Next", &[("Web1", "Succeeded"), ("Web2", "Succeeded")]),
        ]
        .join(","),
    );
    assert!(outcomes(&ws, Some("Web2")).contains(&"Next: Skipped".to_string()));
    assert!(outcomes(&ws, None).contains(&"Next: Succeeded".to_string()));
    let ws = pipeline(
        &[
            wait("ActivitySucceeded", &[]),
            wait("ActivityFailed", &[]),
            wait(
                "Next",
                &[
                    ("ActivitySucceeded", "Succeeded"),
                    ("ActivityFailed", "Completed"),
                ],
            ),
        ]
        .join(","),
    );
    assert!(outcomes(&ws, Some("ActivityFailed")).contains(&"Next: Succeeded".to_string()));
    assert!(outcomes(&ws, Some("ActivitySucceeded")).contains(&"Next: Skipped".to_string()));
}

#[test]
fn shared_error_handling_runs_after_either_activity() {
    // "Or": an If Condition on Upon Completion of both, testing their Status.
    let ws = pipeline(&format!(
        r#"{},{},{{"name": "AnyFailed", "type": "IfCondition", "dependsOn": [
            {{"activity": "ActivityFailed", "dependencyConditions": ["Completed"]}},
            {{"activity": "ActivitySucceeded", "dependencyConditions": ["Completed"]}}],
          "typeProperties": {{"expression": {{"type": "Expression",
            "value": "@or(equals(activity('ActivityFailed').Status, 'Failed'), equals(activity('ActivitySucceeded').Status, 'Failed'))"}},
            "ifTrueActivities": [{}]}}}}"#,
        wait("ActivityFailed", &[]),
        wait("ActivitySucceeded", &[]),
        wait("LogError", &[])
    ));
    for failing in ["ActivityFailed", "ActivitySucceeded"] {
        let got = outcomes(&ws, Some(failing));
        assert!(got.contains(&"AnyFailed: Succeeded".to_string()), "{got:?}");
    }
}

#[test]
fn a_fail_activity_rethrows_and_a_container_fails_with_its_list() {
    // Try-catch whose handler ends in a Fail activity: the pipeline fails.
    let ws = pipeline(&format!(
        r#"{},{},{{"name": "Rethrow", "type": "Fail", "typeProperties": {{"message": "m", "errorCode": "1"}},
          "dependsOn": [{{"activity": "Log", "dependencyConditions": ["Succeeded"]}}]}}"#,
        wait("Try", &[]),
        wait("Log", &[("Try", "Failed")])
    ));
    assert_eq!(if_fails(&ws, "Try"), "Failed");

    // Inside a ForEach: an unhandled failure fails the loop and so the pipeline; a failure the
    // loop's own list absorbs leaves the loop's outcome unknown.
    let ws = pipeline(&format!(
        r#"{{"name": "Each", "type": "ForEach", "typeProperties": {{"items": "@createArray(1)",
          "activities": [{}, {}, {}]}}}}"#,
        wait("Inner", &[]),
        wait("Caught", &[]),
        wait("Handler", &[("Caught", "Failed")])
    ));
    assert_eq!(if_fails(&ws, "Inner"), "Failed");
    assert_eq!(if_fails(&ws, "Caught"), "unknown");
}

#[test]
fn unreachable_activity_needs_exclusive_outcomes() {
    assert_findings_of(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Cleanup", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Failed"]}]},
 {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//        ^ unreachable-activity
  "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]},
                {"activity": "Cleanup", "dependencyConditions": ["Succeeded"]}]},
 {"name": "AfterPublish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Publish", "dependencyConditions": ["Succeeded"]}]},
 {"name": "Rethrow", "type": "Fail", "typeProperties": {"message": "m", "errorCode": "1"}},
 {"name": "AfterFail", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//        ^ unreachable-activity
  "dependsOn": [{"activity": "Rethrow", "dependencyConditions": ["Succeeded"]}]},
 {"name": "OnSkipOfFirst", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
//        ^ unreachable-activity
  "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Skipped"]}]},
 {"name": "Either", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]},
                {"activity": "Cleanup", "dependencyConditions": ["Skipped"]}]}
]}}
"#,
        &|r| r.name == "unreachable-activity",
    );
    // The join of two exclusive branches through an activity that never runs and its Upon Skip
    // path is left alone, and so are unknown conditions.
    assert_findings_of(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Mount", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Created", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Mount", "dependencyConditions": ["Succeeded"]}]},
 {"name": "Existing", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Mount", "dependencyConditions": ["Failed"]}]},
 {"name": "Join", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Created", "dependencyConditions": ["Succeeded"]},
                {"activity": "Existing", "dependencyConditions": ["Succeeded"]}]},
 {"name": "Next", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Join", "dependencyConditions": ["Skipped"]}]},
 {"name": "Odd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Mount", "dependencyConditions": ["Sometimes"]},
                {"activity": "Existing", "dependencyConditions": ["Succeeded"]}]}
]}}
"#,
        &|r| r.name == "unreachable-activity",
    );
}

#[test]
fn failure_swallowed_reports_upon_completion_only() {
    assert_findings_of(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Copy", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//        ^ failure-swallowed
 {"name": "LogEnd", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Completed"]}]},
 {"name": "Try", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Catch", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Try", "dependencyConditions": ["Failed"]}]},
 {"name": "Load", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Check", "type": "IfCondition",
  "dependsOn": [{"activity": "Load", "dependencyConditions": ["Completed"]}],
  "typeProperties": {"expression": {"type": "Expression", "value": "@equals(activity('Load').Status, 'Failed')"},
   "ifTrueActivities": []}},
 {"name": "Stage", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Publish", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Stage", "dependencyConditions": ["Completed"]}]},
 {"name": "Report", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Stage", "dependencyConditions": ["Succeeded"]}]}
]}}
"#,
        &|r| r.name == "failure-swallowed",
    );
}

#[test]
fn conflicting_dependency_conditions_in_one_entry_and_across_dependents() {
    assert_findings_of(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "B", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "A", "dependencyConditions": ["Completed", "Failed"]}]},
//                           ^ conflicting-dependency-conditions
 {"name": "C", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "D", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "C", "dependencyConditions": ["Succeeded"]}]},
 {"name": "E", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "C", "dependencyConditions": ["Completed"]}]},
//                           ^ conflicting-dependency-conditions
 {"name": "F", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "C", "dependencyConditions": ["Skipped"]}]}
]}}
"#,
        &|r| r.name == "conflicting-dependency-conditions",
    );
}
