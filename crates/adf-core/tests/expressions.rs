//! The expression language: every corpus expression parses; planted faults are found at the
//! right column inside the string; editor queries with a `$0` cursor marker.

use crate::fixture;
#[path = "support/json_tree.rs"]
mod json_tree;

use adf_core::expr::ide::{completions, definition, hover, CompletionKind};
use adf_core::expr::parse_template;
use adf_core::{CheckOptions, Workspace};
use adf_syntax::ast::Value;
use std::path::Path;

fn expression_rule(rule: &adf_core::Rule) -> bool {
    rule.code.starts_with("ADF03")
}

/// Corpus strings that are not valid expressions, with the evidence: none so far.
const MALFORMED: &[(&str, &str)] = &[];

#[test]
fn every_corpus_expression_parses() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let paths = json_tree::json_paths(&corpus);
    assert!(
        paths.len() > 600,
        "corpus not found at {}",
        corpus.display()
    );
    let (mut count, mut bad) = (0, Vec::new());
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let parsed = adf_syntax::parse(&text, &Default::default());
        let Some(root) = parsed.value.as_ref() else {
            continue;
        };
        let mut stack: Vec<(&Value<'_>, &str)> = vec![(root, "")];
        while let Some((v, key)) = stack.pop() {
            match v {
                Value::Object(o) => {
                    for prop in &o.properties {
                        let k = match &prop.name {
                            adf_syntax::ast::ObjectPropName::String(s) => s.value.as_ref(),
                            adf_syntax::ast::ObjectPropName::Word(w) => w.value,
                        };
                        // Data flow scripts and notebook cells are other languages.
                        if !["script", "scriptLines", "cells"].contains(&k) {
                            stack.push((&prop.value, k));
                        }
                    }
                }
                Value::Array(a) => stack.extend(a.elements.iter().map(|e| (e, key))),
                Value::StringLit(s) => {
                    let t = parse_template(&s.value);
                    if t.is_expression() {
                        count += 1;
                    }
                    if !t.errors.is_empty() {
                        let rel = p.strip_prefix(&corpus).unwrap_or(p).display().to_string();
                        if !MALFORMED.iter().any(|(f, e)| *f == rel && *e == s.value) {
                            bad.push(format!("{rel}: {:?}: {:?}", s.value, t.errors));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    println!("{count} corpus expressions parsed");
    assert!(count > 3000, "too few expressions: {count}");
    assert!(bad.is_empty(), "expressions that do not parse:\n{bad:#?}");
}

#[test]
fn planted_faults_inside_strings() {
    fixture::assert_findings_of(
        r#"
//- f/pipeline/P.json
{
    "name": "P",
    "properties": {
        "parameters": {"region": {"type": "String"}, "files": {"type": "Array"}},
        "variables": {"label": {"type": "String"}},
        "activities": [
            {"name": "First", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
            {"name": "Second", "type": "SetVariable",
             "typeProperties": {"variableName": "label", "value": "@toLowr(pipeline().parameters.regoin)"}},
//                                                                  ^ unknown-function
//                                                                                               ^ undefined-parameter
            {"name": "Third", "type": "SetVariable",
             "typeProperties": {"variableName": "lable", "value": "@concat(variables('labl'), activity('First').output, activity('Frist').output)"}},
//                                              ^ undefined-variable
//                                                                                   ^ undefined-variable
//                                                                                                     ^ activity-not-upstream
//                                                                                                                               ^ unknown-activity-reference
            {"name": "Fourth", "type": "SetVariable", "dependsOn": [{"activity": "First", "dependencyConditions": ["Succeeded"]}],
             "typeProperties": {"variableName": "label", "value": "x @{substring('abc')} @{string(item())} @{activity('First').status}"}},
//                                                                     ^ wrong-argument-count
//                                                                                                ^ item-outside-foreach
            {"name": "Loop", "type": "ForEach", "typeProperties": {
                "items": {"value": "@createArray(item())", "type": "Expression"},
//                                               ^ item-outside-foreach
                "activities": [
                    {"name": "Inner", "type": "SetVariable",
                     "typeProperties": {"variableName": "label", "value": "@{item().name}@{pipeline().parameters.region"}}
//                                                                                       ^ invalid-expression
                ]}},
            {"name": "Gate", "type": "IfCondition", "typeProperties": {
                "expression": {"value": "@concat('a', '\u0062')", "type": "Expression"}}}
//                                        ^ expression-type-mismatch
        ]
    }
}
"#,
        &expression_rule,
    );
}

#[test]
fn scoping_of_containers_until_and_filter() {
    fixture::assert_findings_of(
        r#"
//- f/pipeline/S.json
{
    "name": "S",
    "properties": {
        "variables": {"v": {"type": "String"}, "n": {"type": "String"}},
        "activities": [
            {"name": "Start", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
            {"name": "Branch", "type": "IfCondition", "dependsOn": [{"activity": "Start", "dependencyConditions": ["Succeeded"]}],
             "typeProperties": {
                "expression": {"value": "@equals(activity('Start').status, activity('InTrue').status)", "type": "Expression"},
//                                                                                  ^ activity-not-upstream
                "ifTrueActivities": [
                    {"name": "InTrue", "type": "SetVariable",
                     "typeProperties": {"variableName": "v", "value": "@string(activity('Start').output)"}}
                ]}},
            {"name": "Loop", "type": "Until", "typeProperties": {
                "expression": {"value": "@equals(activity('Step').status, 'Succeeded')", "type": "Expression"},
                "activities": [
                    {"name": "Step", "type": "SetVariable",
                     "typeProperties": {"variableName": "n", "value": "@string(activity('Step').output)"}}
//                                                                                      ^ activity-not-upstream
                ]}},
            {"name": "Pick", "type": "Filter", "typeProperties": {
                "items": {"value": "@createArray('a', 'b')", "type": "Expression"},
                "condition": {"value": "@equals(item(), 'a')", "type": "Expression"}}},
            {"name": "After", "type": "SetVariable", "dependsOn": [{"activity": "Branch", "dependencyConditions": ["Succeeded"]}],
             "typeProperties": {"variableName": "v", "value": "@string(activity('InTrue').output)"}}
        ]
    }
}
"#,
        &expression_rule,
    );
}

#[test]
fn a_set_variable_reading_its_own_variable_is_found_and_reading_another_is_not() {
    let reports = fixture::assert_findings_of(
        r#"
//- f/pipeline/Count.json
{"name": "Count", "properties": {"variables": {"i": {"type": "String"}, "next": {"type": "String"}, "all": {"type": "Array"}}, "activities": [
 {"name": "Bump", "type": "SetVariable", "typeProperties": {"variableName": "i", "value": {"value": "@string(add(int(variables('I')), 1))", "type": "Expression"}}},
//                                                                                                                             ^ variable-reads-itself
 {"name": "Grow", "type": "AppendVariable", "typeProperties": {"variableName": "all", "value": "@length(variables('all'))"}},
//                                                                                                                ^ variable-reads-itself
 {"name": "Compute", "type": "SetVariable", "description": "@variables('next')", "typeProperties": {"variableName": "next", "value": "@variables('i')"}},
 {"name": "Copy", "type": "SetVariable", "typeProperties": {"variableName": "i", "value": "@variables('next')"}},
 {"name": "Return", "type": "SetVariable", "typeProperties": {"variableName": "pipelineReturnValue", "setSystemVariable": true,
  "value": [{"key": "k", "value": {"type": "Expression", "content": "@variables('i')"}}]}}]}}
"#,
        &expression_rule,
    );
    let severities: Vec<_> = reports[0].diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(
        severities,
        vec![adf_core::Severity::Error, adf_core::Severity::Warning]
    );
}

#[test]
fn trigger_values_of_another_trigger_type_are_found_and_their_own_are_not() {
    fixture::assert_findings_of(
        r#"
//- f/trigger/Hourly.json
{"name": "Hourly", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "Hour", "interval": 1}},
 "pipelines": [{"pipelineReference": {"referenceName": "P", "type": "PipelineReference"}, "parameters": {
  "a": "@trigger().outputs.windowStartTime",
//                         ^ trigger-value-unavailable
  "b": "@triggerBody().fileName",
//       ^ trigger-value-unavailable
  "c": "@{trigger().scheduledTime}/@{trigger().startTime}/@{trigger().name}"}}]}}
//- f/trigger/Window.json
{"name": "Window", "properties": {"type": "TumblingWindowTrigger", "typeProperties": {"frequency": "Hour", "interval": 1, "startTime": "2024-01-01T00:00:00Z", "maxConcurrency": 1},
 "pipeline": {"pipelineReference": {"referenceName": "P", "type": "PipelineReference"}, "parameters": {
  "a": "@trigger().outputs.windowEndTime",
  "b": "@trigger().outputs.body.fileName",
//                         ^ trigger-value-unavailable
  "c": "@trigger().scheduledTime"}}}}
//- f/trigger/Files.json
{"name": "Files", "properties": {"type": "BlobEventsTrigger", "typeProperties": {"blobPathBeginsWith": "/c/blobs/", "events": ["Microsoft.Storage.BlobCreated"], "scope": "/subscriptions/s"},
 "pipelines": [{"pipelineReference": {"referenceName": "P", "type": "PipelineReference"}, "parameters": {
  "a": "@triggerBody().folderPath",
  "b": "@trigger().outputs.body.fileName",
  "c": "@trigger()['scheduledTime']",
//                 ^ trigger-value-unavailable
  "d": "@trigger().outputs.windowStartTime",
//                         ^ trigger-value-unavailable
  "e": "@trigger().startTime"}}]}}
"#,
        &|r| r.name == "trigger-value-unavailable",
    );
}

#[test]
fn global_parameters_are_checked_against_the_factory() {
    let fixture = r#"
//- f/factory/F.json
{"name": "F", "properties": {"globalParameters": {"GP-Int": {"type": "int", "value": 1}}}}
//- f/pipeline/G.json
{"name": "G", "properties": {"variables": {"x": {"type": "String"}}, "activities": [
    {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "x",
     "value": "@{pipeline().globalParameters.GP-Int}@{pipeline().globalParameters.GP-Str}"}}]}}
//                                                                                ^ undefined-parameter
"#;
    fixture::assert_findings_of(fixture, &expression_rule);
    // Without the factory file nothing is known, so nothing is reported.
    fixture::assert_findings_of(
        r#"
//- f/pipeline/G.json
{"name": "G", "properties": {"variables": {"x": {"type": "String"}}, "activities": [
    {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "x",
     "value": "@pipeline().globalParameters.Missing"}}]}}
"#,
        &expression_rule,
    );
}

#[test]
fn global_parameters_outside_pipelines_are_found_and_passed_down_ones_are_not() {
    fixture::assert_findings_of(
        r#"
//- f/factory/F.json
{"name": "F", "properties": {"globalParameters": {"env": {"type": "string", "value": "dev"}}}}
//- f/dataset/D.json
{"name": "D", "properties": {"type": "Binary", "parameters": {"env": {"type": "String"}},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "@pipeline().globalParameters.env", "folderPath": "@dataset().env"}}}}
//                                                                                  ^ global-parameter-outside-pipeline
//- f/linkedService/L.json
{"name": "L", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "@{concat('https://', pipeline()['globalParameters'].env)}"}}}
//                                                                                                                   ^ global-parameter-outside-pipeline
//- f/pipeline/P.json
{"name": "P", "properties": {"variables": {"x": {"type": "String"}}, "activities": [
    {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "x", "value": "@pipeline().globalParameters.env"}}]}}
"#,
        &|r| r.name == "global-parameter-outside-pipeline",
    );
}

#[test]
fn pipeline_parameters_in_a_dataset_are_found_and_dataset_parameters_are_not() {
    fixture::assert_findings_of(
        r#"
//- f/dataset/D.json
{"name": "D", "properties": {"type": "Binary", "parameters": {"day": {"type": "String"}},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "@pipeline().parameters.day", "folderPath": "@{dataset().day}/@{pipeline()?.parameters?.day}"}}}}
//                                                                                  ^ pipeline-parameter-in-dataset
//                                                                                                                                                ^ pipeline-parameter-in-dataset
//- f/linkedService/L.json
{"name": "L", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "@pipeline().parameters.url"}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"parameters": {"day": {"type": "String"}}, "activities": [
    {"name": "A", "type": "Lookup", "typeProperties": {"source": {"type": "BinarySource"},
     "dataset": {"referenceName": "D", "type": "DatasetReference", "parameters": {"day": "@pipeline().parameters.day"}}}}]}}
"#,
        &|r| r.name == "pipeline-parameter-in-dataset",
    );
}

#[test]
fn expressions_can_be_switched_off() {
    let text = r#"{"name": "P", "properties": {"activities": [{"name": "A", "type": "Wait",
        "typeProperties": {"waitTimeInSeconds": "@nosuch()"}}]}}"#;
    let count = |expressions: bool| {
        let options = CheckOptions {
            expressions,
            ..CheckOptions::default()
        };
        model_with(text, options).diagnostics.len()
    };
    assert_eq!(count(true), 1);
    assert_eq!(count(false), 0);
}

/// The text without its `$0` marker, and the marker's offset.
fn cursor(text: &str) -> (String, usize) {
    let at = text.find("$0").expect("fixture has a $0 cursor");
    (text.replacen("$0", "", 1), at)
}

fn model_of(text: &str) -> adf_core::FileModel {
    model_with(text, CheckOptions::default())
}

/// The model of one pipeline file checked on its own.
fn model_with(text: &str, options: CheckOptions) -> adf_core::FileModel {
    let path = "f/pipeline/P.json";
    let ws = Workspace::from_texts(options, vec![(path.to_string(), text.to_string())]);
    ws.model(path).cloned().expect("modelled")
}

const PIPELINE: &str = r#"{"name": "P", "properties": {
    "parameters": {"region": {"type": "String"}, "rows": {"type": "Int"}},
    "variables": {"label": {"type": "String"}},
    "activities": [
        {"name": "Fetch", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
        {"name": "Use", "type": "SetVariable", "dependsOn": [{"activity": "Fetch", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"variableName": "label", "value": "VALUE"}}]}}"#;

fn at(value: &str) -> (String, usize) {
    cursor(&PIPELINE.replace("VALUE", value))
}

fn labels(value: &str) -> Vec<(String, CompletionKind)> {
    let (text, offset) = at(value);
    completions(&text, offset, &model_of(&text))
        .into_iter()
        .map(|c| (c.label, c.kind))
        .collect()
}

#[test]
fn completion_lists() {
    let names = |v: &str| -> Vec<String> { labels(v).into_iter().map(|l| l.0).collect() };
    assert_eq!(names("@pipeline().parameters.$0"), ["region", "rows"]);
    assert_eq!(names("@pipeline().parameters.re$0"), ["region"]);
    assert_eq!(names("@variables('$0"), ["label"]);
    assert_eq!(names("@{activity('F$0"), ["Fetch"]);
    assert!(names("@pipeline().$0").contains(&"RunId".to_string()));
    assert!(names("@pipeline().Trig$0").contains(&"TriggerTime".to_string()));
    assert!(names("@trigger().$0").contains(&"startTime".to_string()));
    let f = labels("@toLo$0");
    assert_eq!(f, [("toLower".to_string(), CompletionKind::Function)]);
    assert!(names("@concat(sub$0").contains(&"substring".to_string()));
    assert!(names("@activity('Fetch').$0").contains(&"output".to_string()));
}

#[test]
fn hover_texts() {
    let h = |v: &str| {
        let (text, offset) = at(v);
        hover(&text, offset, &model_of(&text))
            .map(|h| (h.text, &text[h.range.start..h.range.end]).0)
    };
    let t = h("@subst$0ring('abc', 1)").expect("hover on a function");
    assert!(
        t.contains("substring(string, int, int) -> string (2 or 3 arguments)"),
        "{t}"
    );
    assert_eq!(
        h("@pipeline().parameters.ro$0ws").as_deref(),
        Some("parameter `rows`: int")
    );
    assert!(h("@pipeline().Run$0Id").is_some_and(|t| t.starts_with("`pipeline().RunId`")));
    assert_eq!(
        h("@variables('la$0bel')").as_deref(),
        Some("variable `label`")
    );
    assert_eq!(
        h("@activity('Fe$0tch').output").as_deref(),
        Some("activity `Fetch` (Wait)")
    );
    assert_eq!(h("plain $0text"), None);
}

#[test]
fn hover_shows_the_value_computed_from_declared_defaults() {
    // Issue 19: the value of the whole property, when the declared defaults are enough.
    let pipeline = r#"{"name": "P", "properties": {
    "parameters": {"folder": {"type": "String", "defaultValue": "raw"}, "day": {"type": "String"}},
    "variables": {"n": {"type": "Integer", "defaultValue": 3}},
    "activities": [{"name": "Use", "type": "SetVariable",
        "typeProperties": {"variableName": "x", "value": "VALUE"}}]}}"#;
    let h = |v: &str| {
        let (text, offset) = cursor(&pipeline.replace("VALUE", v));
        hover(&text, offset, &model_of(&text)).map(|h| {
            let shown = text
                .get(h.range.start..h.range.end)
                .unwrap_or("")
                .to_string();
            (h.text, shown)
        })
    };
    let (text, _) =
        h("@concat(pipeline().parameters.fol$0der, '/', string(add(variables('n'), 1)))")
            .expect("hover on a parameter");
    assert_eq!(
        text,
        "parameter `folder`: string\n\nvalue with defaults: `` \"raw/4\" ``\n\nassumes the declared \
         default of `pipeline().parameters.folder`, `variables('n')`"
    );
    // Anywhere in the expression, even where nothing has a hover of its own: the whole string.
    let (text, range) = h("files/@{toUpper('a$0b')}.csv").expect("hover on a literal");
    assert_eq!(text, "value: `` \"files/AB.csv\" ``");
    assert_eq!(range, "\"files/@{toUpper('ab')}.csv\"");
    // Not computable from defaults (a parameter without one, the clock): no value line.
    let (text, _) = h("@concat(pipeline().parameters.da$0y, 'x')").expect("hover on a parameter");
    assert_eq!(text, "parameter `day`: string");
    assert_eq!(h("@utcNow('yyyy'$0)"), None);
    // A value that fails to evaluate shows none either (the checker reports what it can).
    assert_eq!(h("@substring('ab', 5, $01)"), None);
}

#[test]
fn definition_targets() {
    let d = |v: &str| {
        let (text, offset) = at(v);
        definition(&text, offset, &model_of(&text)).map(|r| text[r.start..r.end].to_string())
    };
    assert_eq!(
        d("@pipeline().parameters.reg$0ion").as_deref(),
        Some("\"region\"")
    );
    assert_eq!(d("@{variables('lab$0el')}").as_deref(), Some("\"label\""));
    assert_eq!(
        d("@activity('Fet$0ch').output").as_deref(),
        Some("\"Fetch\"")
    );
    // Escapes in the JSON string do not shift the mapping.
    assert_eq!(
        d("@concat('\\u0041', activity('Fet$0ch').output)").as_deref(),
        Some("\"Fetch\"")
    );
    assert_eq!(d("@utcNow($0)"), None);
}

#[test]
fn one_fault_one_finding() {
    // An unclosed string swallows the closing parenthesis: one finding, not a second for the
    // missing `)`. A sound string beside it gives none.
    fixture::assert_findings_of(
        r#"
//- f/dataset/D.json
{"name": "D", "properties": {"type": "Json", "linkedServiceName": {"referenceName": "S", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "HttpServerLocation",
  "relativeUrl": {"value": "@concat('https://example.com/source?x=1)", "type": "Expression"},
//                                  ^ invalid-expression
  "fileName": {"value": "@concat('https://example.com/source?x=1')", "type": "Expression"}}}}}
"#,
        &expression_rule,
    );
    // An unclosed call nested 10 000 deep: one finding for the string.
    let deep = format!(
        r#"{{"name": "P", "properties": {{"activities": [{{"name": "A", "type": "Wait",
            "typeProperties": {{"waitTimeInSeconds": "@{}"}}}}]}}}}"#,
        "concat(".repeat(10_000)
    );
    let found: Vec<&str> = model_of(&deep)
        .diagnostics
        .iter()
        .map(|d| d.rule.name)
        .collect();
    assert_eq!(found, vec!["invalid-expression"]);
}

#[test]
fn a_text_template_placeholder_is_not_an_expression() {
    // `@GF{IR}` is filled in by a text template before deployment: one finding that says so.
    // A real expression in the same place gives none.
    let fixture = r#"
//- f/linkedService/L.json
{"name": "L", "properties": {"type": "AzureKeyVault", "typeProperties": {"baseUrl": "@{linkedService().url}"},
 "parameters": {"url": {"type": "String"}},
 "connectVia": {"referenceName": "@GF{IR}", "type": "IntegrationRuntimeReference"}}}
//                                ^ invalid-expression
"#;
    let reports = fixture::assert_findings_of(fixture, &expression_rule);
    let message = reports[0]
        .diagnostics
        .iter()
        .find(|d| d.rule.name == "invalid-expression")
        .map_or("", |d| d.message.as_str());
    assert!(
        message.contains("`@GF{IR}` is not an ADF expression")
            && message.contains("placeholder of a text template"),
        "{message}"
    );
    // A bare name alone is still told to be called.
    let model = model_of(
        r#"{"name": "P", "properties": {"activities": [{"name": "A", "type": "Wait",
            "typeProperties": {"waitTimeInSeconds": "@item"}}]}}"#,
    );
    assert!(model.diagnostics[0]
        .message
        .contains("call it as a function"));
}

#[test]
fn expressions_over_8192_characters_are_warned_about() {
    let pipeline = |n: usize| {
        format!(
            "{{\"name\": \"Q\", \"properties\": {{\"activities\": [{{\"name\": \"W\", \"type\": \"Wait\", \
             \"typeProperties\": {{\"waitTimeInSeconds\": {{\"value\": \"@length('{}')\", \"type\": \"Expression\"}}}}}}]}}}}",
            "x".repeat(n)
        )
    };
    let rules = |text: &str| -> Vec<&'static str> {
        adf_core::check_files(
            &[adf_core::SourceFile {
                path: "f/pipeline/Q.json",
                text,
            }],
            &CheckOptions::default(),
        )[0]
        .diagnostics
        .iter()
        .map(|d| d.rule.name)
        .collect()
    };
    // `@length('` and `')` are 11 characters.
    assert_eq!(rules(&pipeline(8_182)), vec!["expression-too-long"]);
    assert!(rules(&pipeline(8_181)).is_empty());
}

#[test]
fn activity_output_rules() {
    // Every reading of an output the rules judge, and the ones they leave alone: rows and
    // responses are open, `?.`, `coalesce` and `contains` expect a missing member, a computed
    // setting or an activity name shared by two types is not known.
    fixture::assert_findings_of(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"variables": {"v": {"type": "String"}}, "activities": [
 {"name": "L", "type": "Lookup", "typeProperties": {"source": {"type": "JsonSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}}},
 {"name": "All", "type": "Lookup", "typeProperties": {"source": {"type": "JsonSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}, "firstRowOnly": false}},
 {"name": "Maybe", "type": "Lookup", "typeProperties": {"source": {"type": "JsonSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}, "firstRowOnly": "@equals(1, 1)"}},
 {"name": "M", "type": "GetMetadata", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}, "fieldList": ["exists", "childItems"]}},
 {"name": "MAny", "type": "GetMetadata", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}, "fieldList": "@pipeline().parameters.f"}},
 {"name": "C", "type": "Copy", "typeProperties": {"source": {"type": "JsonSource"}, "sink": {"type": "JsonSink"}}},
 {"name": "Twice", "type": "Lookup", "typeProperties": {"source": {"type": "JsonSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}}},
 {"name": "Twice", "type": "Copy", "typeProperties": {"source": {"type": "JsonSource"}, "sink": {"type": "JsonSink"}}},
 {"name": "S0", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output.value"}},
//                                                                                                             ^ lookup-output-mismatch
 {"name": "S1", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@{activity('L').output.count}"}},
//                                                                                                              ^ lookup-output-mismatch
 {"name": "S2", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('All').output.firstRow.x"}},
//                                                                                                               ^ lookup-output-mismatch
 {"name": "S3", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output.firstRow.anyColumn"}},
 {"name": "S4", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('All').output.value[0].anyColumn"}},
 {"name": "S5", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output?.value"}},
 {"name": "S6", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L')?.output.count"}},
 {"name": "S7", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@coalesce(activity('L').output.value, 'none')"}},
 {"name": "S8", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@if(contains(activity('All').output, 'firstRow'), activity('All').output.firstRow, 1)"}},
 {"name": "S9", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('Maybe').output.value"}},
 {"name": "S10", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output.Value"}},
//                                                                                                              ^ lookup-output-mismatch
 {"name": "S11", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output.frstRow"}},
//                                                                                                              ^ unknown-output-property
 {"name": "S12", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('L').output.effectiveIntegrationRuntime"}},
 {"name": "S13", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('M').output.itemName"}},
//                                                                                                              ^ metadata-field-not-requested
 {"name": "S14", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('M').output.childItems[0].nme"}},
//                                                                                                                            ^ unknown-output-property
 {"name": "S15", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('M').output.CHILDITEMS[0].name"}},
 {"name": "S16", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('MAny').output.itemName"}},
 {"name": "S17", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('M').output?.itemName"}},
 {"name": "S18", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').output.rowCopied"}},
//                                                                                                              ^ unknown-output-property
 {"name": "S19", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').output.sapOpenHubMaxRequestId"}},
 {"name": "S20", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').output.somethingConnectorSpecific"}},
 {"name": "S21", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').error.message"}},
 {"name": "S22", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').status"}},
 {"name": "S23", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('C').anything"}},
 {"name": "S24", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@activity('Twice').output.value"}}]}}
"#,
        &|r: &adf_core::Rule| {
            [
                "unknown-output-property",
                "lookup-output-mismatch",
                "metadata-field-not-requested",
            ]
            .contains(&r.name)
        },
    );
}
