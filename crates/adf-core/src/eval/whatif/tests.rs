use super::*;

/// A pipeline file with these activities (JSON text of the array) and extra properties.
fn pipeline(name: &str, activities: &str, extra: &str) -> String {
    format!(r#"{{"name": "{name}", "properties": {{"activities": {activities}{extra}}}}}"#)
}

fn run_with(files: &[String], name: &str, inputs: &Inputs) -> WhatIf {
    let texts: Vec<&str> = files.iter().map(String::as_str).collect();
    what_if(&texts, name, inputs).expect("the pipeline is there")
}

fn run(files: &[String], name: &str) -> WhatIf {
    run_with(files, name, &Inputs::default())
}

/// One line per step and block, indented: `name: Outcome` or `name: not run`, blocks as
/// `[label] when`.
fn outline(w: &WhatIf) -> Vec<String> {
    fn walk(steps: &[Step], depth: usize, out: &mut Vec<String>) {
        for s in steps {
            let runs = match &s.runs {
                Runs::Yes => s.outcome.word().to_string(),
                Runs::Maybe(_) => format!("maybe {}", s.outcome.word()),
                Runs::No(_) => "not run".to_string(),
            };
            out.push(format!("{}{}: {runs}", "  ".repeat(depth), s.activity));
            for b in &s.blocks {
                let when = match &b.when {
                    When::Runs => "runs".to_string(),
                    When::NotRun(_) => "not run".to_string(),
                    When::DependsOn(n) => format!("depends on {}", n.join(", ")),
                };
                out.push(format!("{}[{}] {when}", "  ".repeat(depth + 1), b.label));
                walk(&b.steps, depth + 2, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&w.steps, 0, &mut out);
    out
}

fn find<'w>(steps: &'w [Step], name: &str) -> Option<&'w Step> {
    for s in steps {
        if s.activity == name {
            return Some(s);
        }
        for b in &s.blocks {
            if let Some(found) = find(&b.steps, name) {
                return Some(found);
            }
        }
    }
    None
}

fn property(w: &WhatIf, activity: &str, path: &str) -> Value {
    let step = find(&w.steps, activity).expect("activity");
    let p = step
        .properties
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", step.properties));
    p.value.clone().expect("evaluates")
}

fn variable(w: &WhatIf, name: &str) -> Option<Value> {
    w.variables
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

const IF: &str = r#"[
    {"name": "Check", "type": "IfCondition", "typeProperties": {
        "expression": {"value": "@equals(pipeline().parameters.mode, 'full')", "type": "Expression"},
        "ifTrueActivities": [{"name": "Full", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}],
        "ifFalseActivities": [{"name": "Delta", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 2}}]}},
    {"name": "After", "type": "Wait", "dependsOn": [{"activity": "Check", "dependencyConditions": ["Succeeded"]}],
     "typeProperties": {"waitTimeInSeconds": "@length(pipeline().parameters.mode)"}}]"#;

#[test]
fn if_condition_runs_the_branch_taken() {
    let files = [pipeline(
        "P",
        IF,
        r#", "parameters": {"mode": {"type": "string", "defaultValue": "full"}}"#,
    )];
    let w = run(&files, "P");
    assert_eq!(
        outline(&w),
        [
            "Check: Succeeded",
            "  [ifTrueActivities] runs",
            "    Full: Succeeded",
            "  [ifFalseActivities] not run",
            "    Delta: not run",
            "After: Succeeded",
        ]
    );
    assert_eq!(
        property(&w, "After", "typeProperties.waitTimeInSeconds"),
        Value::Int(4)
    );
    assert_eq!(w.outcome, Outcome::Succeeded);
}

#[test]
fn an_unknown_condition_shows_both_branches() {
    let files = [pipeline("P", IF, "")];
    let w = run(&files, "P");
    assert_eq!(
        outline(&w),
        [
            "Check: Succeeded",
            "  [ifTrueActivities] depends on pipeline().parameters.mode",
            "    Full: Succeeded",
            "  [ifFalseActivities] depends on pipeline().parameters.mode",
            "    Delta: Succeeded",
            "After: Succeeded",
        ]
    );
}

#[test]
fn switch_runs_the_matching_case_or_the_default() {
    let acts = r#"[{"name": "Route", "type": "Switch", "typeProperties": {
        "on": "@pipeline().parameters.region",
        "cases": [{"value": "eu", "activities": [{"name": "Eu", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]},
                  {"value": "us", "activities": [{"name": "Us", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}],
        "defaultActivities": [{"name": "Other", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}]"#;
    let files = [pipeline("P", acts, "")];
    let given = |region: &str| Inputs {
        parameters: vec![("region".into(), Value::String(region.into()))],
        ..Inputs::default()
    };
    let us = run_with(&files, "P", &given("us"));
    assert_eq!(
        outline(&us),
        [
            "Route: Succeeded",
            "  [case \"eu\"] not run",
            "    Eu: not run",
            "  [case \"us\"] runs",
            "    Us: Succeeded",
            "  [defaultActivities] not run",
            "    Other: not run",
        ]
    );
    let other = run_with(&files, "P", &given("apac"));
    assert_eq!(
        find(&other.steps, "Other").map(|s| &s.runs),
        Some(&Runs::Yes)
    );
    let unknown = run(&files, "P");
    assert!(unknown.steps[0]
        .blocks
        .iter()
        .all(|b| b.when == When::DependsOn(vec!["pipeline().parameters.region".into()])));
}

const FOR_EACH: &str = r#"[
    {"name": "Each", "type": "ForEach", "typeProperties": {
        "isSequential": true,
        "items": {"value": "@pipeline().parameters.tables", "type": "Expression"},
        "activities": [
            {"name": "Copy", "type": "Copy", "typeProperties": {"source": {"type": "SqlSource",
                "sqlReaderQuery": "SELECT * FROM @{item()}"}}},
            {"name": "Remember", "type": "AppendVariable", "dependsOn": [{"activity": "Copy", "dependencyConditions": ["Succeeded"]}],
             "typeProperties": {"variableName": "done", "value": "@toUpper(item())"}}]}},
    {"name": "Report", "type": "SetVariable", "dependsOn": [{"activity": "Each", "dependencyConditions": ["Succeeded"]}],
     "typeProperties": {"variableName": "summary", "value": "@join(variables('done'), ',')"}}]"#;

const VARIABLES: &str = r#", "variables": {"done": {"type": "Array", "defaultValue": []}, "summary": {"type": "String"}}"#;

#[test]
fn for_each_iterates_with_item_bound_and_variables_carry_over() {
    let files = [pipeline("P", FOR_EACH, VARIABLES)];
    let inputs = Inputs {
        parameters: vec![(
            "tables".into(),
            Value::from_json(r#"["a", "b", "c", "d", "e"]"#).expect("json"),
        )],
        ..Inputs::default()
    };
    let w = run_with(&files, "P", &inputs);
    let each = &w.steps[0];
    // Five iterations followed, the first three printed.
    assert_eq!(each.blocks.len(), SHOWN_ITERATIONS);
    assert_eq!(each.blocks[1].label, "iteration 2 of 5");
    assert_eq!(each.blocks[1].item, Some(Value::String("b".into())));
    assert_eq!(
        each.blocks[1].steps[0].properties[0].value,
        Ok(Value::String("SELECT * FROM b".into()))
    );
    assert!(each.notes.iter().any(|n| n.contains("5 items")));
    assert_eq!(
        variable(&w, "summary"),
        Some(Value::String("A,B,C,D,E".into()))
    );
}

#[test]
fn unknown_items_run_the_body_once_with_item_unknown() {
    let files = [pipeline("P", FOR_EACH, VARIABLES)];
    let w = run(&files, "P");
    let each = &w.steps[0];
    assert_eq!(each.blocks.len(), 1);
    assert_eq!(
        each.blocks[0].when,
        When::DependsOn(vec!["pipeline().parameters.tables".into()])
    );
    assert_eq!(
        each.blocks[0].steps[0].properties[0].value,
        Ok(Value::unknown("pipeline().parameters.tables"))
    );
    // How many times the body ran is not known, so neither is the variable it appends to.
    assert!(matches!(variable(&w, "done"), Some(Value::Unknown(_))));
    let empty = Inputs {
        parameters: vec![("tables".into(), Value::Array(Vec::new()))],
        ..Inputs::default()
    };
    let w = run_with(&files, "P", &empty);
    assert!(w.steps[0].blocks.is_empty());
    assert_eq!(variable(&w, "summary"), Some(Value::String(String::new())));
}

#[test]
fn until_stops_when_true_or_at_the_cap() {
    let acts = |condition: &str| {
        format!(
            r#"[{{"name": "Loop", "type": "Until", "typeProperties": {{
                "expression": {{"value": "{condition}", "type": "Expression"}}, "timeout": "0.01:00:00",
                "activities": [{{"name": "Tick", "type": "AppendVariable",
                    "typeProperties": {{"variableName": "ticks", "value": 1}}}}]}}}}]"#
        )
    };
    let vars = r#", "variables": {"ticks": {"type": "Array", "defaultValue": []}}"#;
    let w = run(
        &[pipeline(
            "P",
            &acts("@equals(length(variables('ticks')), 4)"),
            vars,
        )],
        "P",
    );
    assert_eq!(variable(&w, "ticks"), Value::from_json("[1,1,1,1]").ok());
    let looping = &w.steps[0];
    // Three printed, and the last one that ended the loop.
    assert_eq!(
        looping
            .blocks
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>(),
        ["iteration 1", "iteration 2", "iteration 3", "iteration 4"]
    );
    assert!(looping.notes[0].contains("true after iteration 4"));
    let w = run(&[pipeline("P", &acts("@equals(1, 2)"), vars)], "P");
    assert_eq!(
        variable(&w, "ticks").map(|v| v.to_json().len()),
        Some(2 * MAX_UNTIL + 1)
    );
    assert!(w.steps[0].notes.iter().any(|n| n
        .contains(&format!("still false after {MAX_UNTIL} iterations"))
        && n.contains("0.01:00:00")));
    assert_eq!(w.outcome, Outcome::NotKnown);
}

#[test]
fn set_variable_feeds_later_expressions_and_the_return_value() {
    let acts = r#"[
        {"name": "Name", "type": "SetVariable", "typeProperties": {"variableName": "file", "value": "@concat('out-', pipeline().parameters.day, '.csv')"}},
        {"name": "Use", "type": "Wait", "dependsOn": [{"activity": "Name", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"waitTimeInSeconds": "@length(variables('file'))"}},
        {"name": "Return", "type": "SetVariable", "dependsOn": [{"activity": "Use", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"variableName": "pipelineReturnValue", "setSystemVariable": true, "value": [
            {"key": "file", "value": {"type": "Expression", "content": "@variables('file')"}},
            {"key": "n", "value": {"type": "Int", "content": 3}}]}}]"#;
    let files = [pipeline(
        "P",
        acts,
        r#", "parameters": {"day": {"type": "string", "defaultValue": "2026"}}, "variables": {"file": {"type": "String"}}"#,
    )];
    let w = run(&files, "P");
    assert_eq!(
        property(&w, "Use", "typeProperties.waitTimeInSeconds"),
        Value::Int(12)
    );
    assert_eq!(
        w.return_value,
        vec![
            ("file".to_string(), Value::String("out-2026.csv".into())),
            ("n".to_string(), Value::Int(3))
        ]
    );
}

#[test]
fn filter_output_feeds_later_expressions() {
    let acts = r#"[
        {"name": "Big", "type": "Filter", "typeProperties": {
            "items": "@pipeline().parameters.sizes", "condition": "@greater(item(), 10)"}},
        {"name": "Count", "type": "SetVariable", "dependsOn": [{"activity": "Big", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"variableName": "n", "value": "@string(length(activity('Big').output.value))"}}]"#;
    let files = [pipeline("P", acts, "")];
    let inputs = Inputs {
        parameters: vec![(
            "sizes".into(),
            Value::from_json("[5, 20, 30, 1]").expect("json"),
        )],
        ..Inputs::default()
    };
    let w = run_with(&files, "P", &inputs);
    assert_eq!(variable(&w, "n"), Some(Value::String("2".into())));
    assert!(w.steps[0].notes[0].contains("keeps 2 of 4 items: [20,30]"));
    // Given outputs win over computed ones.
    let given = Inputs {
        outputs: vec![(
            "Big".into(),
            Value::from_json(r#"{"value": [1]}"#).expect("json"),
        )],
        ..inputs
    };
    let w = run_with(&files, "P", &given);
    assert_eq!(variable(&w, "n"), Some(Value::String("1".into())));
}

fn execute(child: &str, wait: bool) -> String {
    format!(
        r#"[{{"name": "Call", "type": "ExecutePipeline", "typeProperties": {{
            "pipeline": {{"referenceName": "{child}", "type": "PipelineReference"}},
            "waitOnCompletion": {wait},
            "parameters": {{"folder": "@concat('in/', pipeline().Pipeline)"}}}}}},
          {{"name": "Next", "type": "SetVariable", "dependsOn": [{{"activity": "Call", "dependencyConditions": ["Succeeded"]}}],
           "typeProperties": {{"variableName": "got", "value": "@activity('Call').output.pipelineReturnValue.path"}}}}]"#
    )
}

#[test]
fn execute_pipeline_walks_the_child_with_its_parameters() {
    let child = r#"[{"name": "Inner", "type": "SetVariable", "typeProperties": {"variableName": "pipelineReturnValue",
        "setSystemVariable": true, "value": [{"key": "path", "value": {"type": "Expression",
        "content": "@concat(pipeline().parameters.folder, '/', pipeline().Pipeline, '/', pipeline().TriggeredByPipelineName)"}}]}}]"#;
    let files = [
        pipeline("Parent", &execute("Child", true), ""),
        pipeline(
            "Child",
            child,
            r#", "parameters": {"folder": {"type": "string"}}"#,
        ),
    ];
    let w = run(&files, "Parent");
    assert_eq!(
        outline(&w),
        [
            "Call: Succeeded",
            "  [pipeline Child] runs",
            "    Inner: Succeeded",
            "Next: Succeeded",
        ]
    );
    assert_eq!(
        variable(&w, "got"),
        Some(Value::String("in/Parent/Child/Parent".into()))
    );
    // Without waiting, the child's return value is not the caller's to read.
    let files = [
        pipeline("Parent", &execute("Child", false), ""),
        files[1].clone(),
    ];
    let w = run(&files, "Parent");
    assert!(find(&w.steps, "Next").is_some_and(|s| s.outcome == Outcome::Failed));
}

#[test]
fn a_cycle_of_execute_pipeline_and_a_missing_child_are_not_followed() {
    let files = [
        pipeline("A", &execute("B", true), ""),
        pipeline("B", &execute("A", true), ""),
    ];
    let w = run(&files, "A");
    let inner = find(&w.steps, "Call").expect("call");
    let child_call = &inner.blocks[0].steps[0];
    assert!(
        child_call
            .notes
            .iter()
            .any(|n| n.contains("`A` → `B` → `A` is a cycle")),
        "{:?}",
        child_call.notes
    );
    assert_eq!(w.outcome, Outcome::NotKnown);
    let w = run(&[pipeline("A", &execute("Nowhere", true), "")], "A");
    assert!(w.steps[0].notes[0].contains("`Nowhere` is not in the factory"));
    assert_eq!(
        what_if(&["{}"], "A", &Inputs::default()),
        Err(WhatIfError::NoPipeline {
            name: "A".into(),
            known: Vec::new()
        })
    );
}

const FAILING: &str = r#"[
    {"name": "Load", "type": "Copy", "typeProperties": {}},
    {"name": "Alert", "type": "WebActivity", "dependsOn": [{"activity": "Load", "dependencyConditions": ["Failed"]}],
     "typeProperties": {"url": "https://example.com/@{pipeline().Pipeline}", "method": "POST"}},
    {"name": "Publish", "type": "Wait", "dependsOn": [{"activity": "Load", "dependencyConditions": ["Succeeded"]}],
     "typeProperties": {"waitTimeInSeconds": 1}},
    {"name": "Stop", "type": "Fail", "dependsOn": [{"activity": "Alert", "dependencyConditions": ["Succeeded"]}],
     "typeProperties": {"message": "@concat('load failed in ', pipeline().Pipeline)", "errorCode": "500"}}]"#;

#[test]
fn fail_option_follows_the_failure_paths() {
    let files = [pipeline("P", FAILING, "")];
    let w = run(&files, "P");
    assert_eq!(
        outline(&w),
        [
            "Load: Succeeded",
            "Alert: not run",
            "Publish: Succeeded",
            "Stop: not run",
        ]
    );
    assert_eq!(w.outcome, Outcome::Succeeded);
    assert_eq!(
        find(&w.steps, "Alert").map(|s| &s.runs),
        Some(&Runs::No(
            "it runs Upon Failure of `Load`, which succeeds".to_string()
        ))
    );
    let failing = Inputs {
        fail: vec!["load".into()],
        ..Inputs::default()
    };
    let w = run_with(&files, "P", &failing);
    assert_eq!(
        outline(&w),
        [
            "Load: Failed",
            "Alert: Succeeded",
            "Publish: not run",
            "Stop: Failed",
        ]
    );
    let stop = find(&w.steps, "Stop").expect("stop");
    assert!(
        stop.notes[0].contains("errorCode \"500\" and message \"load failed in P\""),
        "{:?}",
        stop.notes
    );
    assert_eq!(w.outcome, Outcome::Failed);
    let unmatched = Inputs {
        fail: vec!["Nope".into()],
        ..Inputs::default()
    };
    assert!(run_with(&files, "P", &unmatched).notes[0].contains("--fail `Nope`"));
}

#[test]
fn an_expression_that_fails_fails_its_activity() {
    let acts = r#"[{"name": "Bad", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "@div(1, 0)"}},
        {"name": "Then", "type": "Wait", "dependsOn": [{"activity": "Bad", "dependencyConditions": ["Completed"]}],
         "typeProperties": {"waitTimeInSeconds": 1}}]"#;
    let w = run(&[pipeline("P", acts, "")], "P");
    assert_eq!(outline(&w), ["Bad: Failed", "Then: Succeeded"]);
    // The leaf `Then` succeeded: Upon Completion absorbs the failure (crate::outcome's rule).
    assert_eq!(w.outcome, Outcome::Succeeded);
}

#[test]
fn an_activity_after_one_that_may_fail_may_run() {
    let acts = r#"[{"name": "Maybe", "type": "IfCondition", "typeProperties": {
            "expression": "@pipeline().parameters.stop",
            "ifTrueActivities": [{"name": "Stop", "type": "Fail", "typeProperties": {"message": "x", "errorCode": "1"}}]}},
        {"name": "Then", "type": "SetVariable", "dependsOn": [{"activity": "Maybe", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"variableName": "v", "value": "ran"}}]"#;
    let w = run(&[pipeline("P", acts, "")], "P");
    let then = find(&w.steps, "Then").expect("then");
    assert!(matches!(&then.runs, Runs::Maybe(why) if why.contains("Upon Success of `Maybe`")));
    assert_eq!(variable(&w, "v"), Some(Value::unknown("whether Then runs")));
    assert_eq!(w.outcome, Outcome::NotKnown);
}

#[test]
fn huge_for_each_is_bounded() {
    let acts = r#"[{"name": "Each", "type": "ForEach", "typeProperties": {"isSequential": true,
        "items": "@range(0, 5000)",
        "activities": [{"name": "Add", "type": "AppendVariable", "typeProperties": {"variableName": "xs", "value": "@item()"}}]}}]"#;
    let w = run(
        &[pipeline(
            "P",
            acts,
            r#", "variables": {"xs": {"type": "Array", "defaultValue": []}}"#,
        )],
        "P",
    );
    assert!(w.steps[0]
        .notes
        .iter()
        .any(|n| n.contains(&format!("only the first {MAX_ITERATIONS} items"))));
    assert!(matches!(variable(&w, "xs"), Some(Value::Unknown(_))));
}

#[test]
fn v1_activities_run_in_dataset_order_with_their_windows() {
    let files = [
        r#"{"name": "P", "properties": {"activities": [
            {"name": "Second", "type": "Copy", "inputs": [{"name": "Mid"}], "outputs": [{"name": "Out"}],
             "typeProperties": {"source": {"type": "BlobSource"}}},
            {"name": "First", "type": "Copy", "inputs": [{"name": "In"}], "outputs": [{"name": "Mid"}],
             "typeProperties": {"source": {"type": "BlobSource"}}, "scheduler": {"frequency": "Day", "interval": 1}}],
            "start": "2024-01-01T00:00:00Z", "end": "2024-01-11T00:00:00Z"}}"#
            .to_string(),
        r#"{"name": "In", "properties": {"type": "AzureBlob", "external": true, "availability": {"frequency": "Day", "interval": 1}}}"#.to_string(),
        r#"{"name": "Out", "properties": {"type": "AzureBlob", "availability": {"frequency": "Hour", "interval": 12}}}"#.to_string(),
    ];
    let w = run(&files, "P");
    assert_eq!(outline(&w), ["First: Succeeded", "Second: Succeeded"]);
    let first = &w.steps[0];
    assert!(first.notes[0].contains("external"));
    assert!(first.notes.iter().any(|n| n.starts_with(
        "10 windows of 1 Day from 2024-01-01T00:00:00Z to 2024-01-11T00:00:00Z; the first: \
             2024-01-01T00:00:00Z to 2024-01-02T00:00:00Z,"
    )));
    // Without a scheduler, the output's availability sets the windows.
    assert!(w.steps[1]
        .notes
        .iter()
        .any(|n| n.starts_with("20 windows of 12 Hour")));
    let failing = Inputs {
        fail: vec!["First".into()],
        ..Inputs::default()
    };
    let w = run_with(&files, "P", &failing);
    assert_eq!(outline(&w), ["First: Failed", "Second: not run"]);
    assert_eq!(w.outcome, Outcome::Failed);
}

#[test]
fn execute_pipeline_depth_and_the_run_count_are_bounded() {
    // P0 runs P1, which runs P2, ... : the tenth level is not followed.
    let files: Vec<String> = (0..12)
        .map(|i| pipeline(&format!("P{i}"), &execute(&format!("P{}", i + 1), true), ""))
        .collect();
    let w = run(&files, "P0");
    let mut depth = 0;
    let mut step = &w.steps[0];
    while let Some(inner) = step.blocks.first().and_then(|b| b.steps.first()) {
        step = inner;
        depth += 1;
    }
    assert_eq!(depth, MAX_DEPTH - 1);
    assert!(step.notes[0].contains(&format!("more than {MAX_DEPTH} levels")));
    // 1000 items, each running a child of 1000 items: a million runs, cut at the limit.
    let each = |child: &str| {
        format!(
            r#"[{{"name": "Each", "type": "ForEach", "typeProperties": {{"items": "@range(0, 1000)",
                "activities": [{{"name": "Call", "type": "ExecutePipeline", "typeProperties": {{
                    "pipeline": {{"referenceName": "{child}", "type": "PipelineReference"}}, "waitOnCompletion": true}}}}]}}}}]"#
        )
    };
    let leaf = r#"[{"name": "Each", "type": "ForEach", "typeProperties": {"items": "@range(0, 1000)",
        "activities": [{"name": "Nap", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "@item()"}}]}}]"#;
    let files = [
        pipeline("Outer", &each("Inner"), ""),
        pipeline("Inner", leaf, ""),
    ];
    let w = run(&files, "Outer");
    assert!(w.notes[0].contains(&format!("stops after {MAX_RUNS} activity runs")));
    assert_eq!(w.outcome, Outcome::NotKnown);
}

#[test]
fn a_description_is_not_evaluated() {
    let acts = r#"[{"name": "W", "type": "Wait", "description": "@div(1, 0)", "typeProperties": {"waitTimeInSeconds": 1}}]"#;
    let w = run(&[pipeline("P", acts, "")], "P");
    assert_eq!(w.outcome, Outcome::Succeeded);
}

#[test]
fn expressions_inside_a_literal_value_are_evaluated() {
    let acts = r#"[{"name": "Pair", "type": "SetVariable", "typeProperties": {"variableName": "pair",
        "value": ["@pipeline().parameters.a", {"b": "x-@{pipeline().parameters.a}", "value": 2}]}}]"#;
    let files = [pipeline(
        "P",
        acts,
        r#", "parameters": {"a": {"type": "string", "defaultValue": "1"}}"#,
    )];
    let w = run(&files, "P");
    assert_eq!(
        variable(&w, "pair").map(|v| v.to_json()),
        Some(r#"["1",{"b":"x-1","value":2}]"#.to_string())
    );
}
