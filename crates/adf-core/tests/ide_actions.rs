//! Code actions on cursor fixtures: `$0` marks where the editor asks (a collapsed range), files
//! follow `//- path` headers. Every action is applied to the text and the factory checked again:
//! the finding it fixes is gone and no new error appears.

use adf_core::ide::{self, ActionKind, CodeAction};
use adf_core::{fixture, CheckOptions, Severity, SourceFile, TextRange, Workspace};

struct Fixture {
    files: Vec<(String, String)>,
    path: String,
    offset: usize,
}

fn parse(text: &str) -> Fixture {
    let f = fixture::parse(text);
    let (path, offset) = f.cursor.clone().expect("fixture has a $0 cursor");
    Fixture {
        files: f.files,
        path,
        offset,
    }
}

fn workspace(files: &[(String, String)]) -> Workspace {
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    Workspace::with_files(CheckOptions::default(), &sources)
}

/// The rules of a file's findings at a severity, sorted.
fn findings(ws: &Workspace, path: &str, severity: Severity) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = ws
        .report(path)
        .expect("report")
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.rule.name)
        .collect();
    out.sort_unstable();
    out
}

/// The actions at the cursor.
fn actions(f: &Fixture) -> Vec<CodeAction> {
    let ws = workspace(&f.files);
    ide::code_actions(&ws, &f.path, TextRange::new(f.offset, f.offset))
}

/// Applies an action's edits (all in the cursor's file), checks again and asserts that its
/// rule no longer fires there and no error appeared that was not there before. Returns the
/// new text.
fn apply_and_recheck(f: &Fixture, action: &CodeAction) -> String {
    let before = workspace(&f.files);
    let rule = action.rule.expect("a quick fix names its rule");
    assert!(
        before
            .report(&f.path)
            .expect("report")
            .diagnostics
            .iter()
            .any(|d| d.rule.name == rule),
        "{rule} fires before the fix"
    );
    let mut text = before.text(&f.path).expect("text").to_string();
    let mut edits = action.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in &edits {
        assert_eq!(e.path, f.path);
        text.replace_range(e.range.start..e.range.end, &e.new_text);
    }
    let mut files = f.files.clone();
    for (p, t) in &mut files {
        if *p == f.path {
            *t = text.clone();
        }
    }
    let after = workspace(&files);
    let report = after.report(&f.path).expect("report");
    assert!(
        !report.diagnostics.iter().any(|d| d.rule.name == rule),
        "{rule} still fires after `{}`:\n{text}\n{:?}",
        action.title,
        report.diagnostics
    );
    let mut old = findings(&before, &f.path, Severity::Error);
    for e in findings(&after, &f.path, Severity::Error) {
        let i = old.iter().position(|o| *o == e);
        assert!(
            i.is_some(),
            "new error {e} after `{}`:\n{text}\n{:?}",
            action.title,
            report.diagnostics
        );
        if let Some(i) = i {
            old.remove(i);
        }
    }
    text
}

/// The one action for `rule` at the cursor.
fn only_action(f: &Fixture, rule: &str) -> CodeAction {
    let found: Vec<CodeAction> = actions(f)
        .into_iter()
        .filter(|a| a.rule == Some(rule))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().expect("one action")
}

#[test]
fn take_the_suggested_entity_name() {
    let f = parse(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Sto$0er", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#,
    );
    let a = only_action(&f, "unresolved-reference");
    assert_eq!(a.title, "Change to `Store`");
    assert_eq!(a.kind, ActionKind::QuickFix);
    assert!(a.preferred);
    assert_eq!(a.edits[0].new_text, "\"Store\"");
    let text = apply_and_recheck(&f, &a);
    assert!(text.contains(r#""referenceName": "Store""#));
}

#[test]
fn take_the_suggested_property_type_and_value() {
    let f = parse(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSecond$0": 1}}]}}
"#,
    );
    let a = only_action(&f, "unknown-property");
    assert_eq!(a.title, "Change to `waitTimeInSeconds`");
    apply_and_recheck(&f, &a);

    let f = parse(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W", "type": "Wiat$0", "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    let a = only_action(&f, "unknown-type");
    assert_eq!(a.edits[0].new_text, "\"Wait\"");
    apply_and_recheck(&f, &a);

    let f = parse(
        r#"
//- f/trigger/T.json
{"name": "T", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "Dya$0", "interval": 1}}}}
"#,
    );
    let a = only_action(&f, "invalid-value");
    assert_eq!(a.edits[0].new_text, "\"Day\"");
    apply_and_recheck(&f, &a);
}

const EXPR: &str = r#"
//- f/pipeline/P.json
{"name": "P", "properties": {
 "parameters": {"region": {"type": "string"}},
 "variables": {"rows": {"type": "String"}, "kept": {"type": "String"}},
 "activities": [
 {"name": "Lookup", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Keep", "type": "SetVariable", "dependsOn": [{"activity": "Lookup", "dependencyConditions": ["Succeeded"]}],
  "typeProperties": {"variableName": "kept", "value": "@concat(string(activity('Lookup').status), pipeline().parameters.region, variables('rows'))"}}]}}
"#;

#[test]
fn take_the_suggested_name_inside_expressions() {
    for (typo, rule, fixed) in [
        (
            "activity('Lo$0kup')",
            "unknown-activity-reference",
            "activity('Lookup')",
        ),
        ("str$0ingg(", "unknown-function", "string("),
        (
            "parameters.regoin$0",
            "undefined-parameter",
            "parameters.region",
        ),
        (
            "variables('row$0')",
            "undefined-variable",
            "variables('rows')",
        ),
        (
            "\"activity\": \"Lookp$0\"",
            "unknown-dependency",
            "\"activity\": \"Lookup\"",
        ),
    ] {
        let correct = typo.replace("$0", "");
        let original = match rule {
            "unknown-activity-reference" => "activity('Lookup')",
            "unknown-function" => "string(",
            "undefined-parameter" => "parameters.region",
            "undefined-variable" => "variables('rows')",
            _ => "\"activity\": \"Lookup\"",
        };
        assert_ne!(correct, original);
        let f = parse(&EXPR.replacen(original, typo, 1));
        let a = only_action(&f, rule);
        let text = apply_and_recheck(&f, &a);
        assert!(text.contains(fixed), "{rule}: {text}");
    }
}

#[test]
fn add_a_missing_required_property_with_the_file_layout() {
    let f = parse(
        r#"
//- f/pipeline/P.json
{
    "name": "P",
    "properties": {
        "activities": [
            $0{
                "name": "W",
                "type": "Wait"
            }
        ]
    }
}
"#,
    );
    let a = only_action(&f, "missing-required-property");
    assert_eq!(a.title, "Add required property `typeProperties`");
    let text = apply_and_recheck(&f, &a);
    assert!(
        text.contains(
            "                \"type\": \"Wait\",\n                \"typeProperties\": {\"waitTimeInSeconds\": 0}\n            }"
        ),
        "{text}"
    );

    // Inline objects get the property inline; an empty one gets it between its braces.
    let f = parse(
        r#"
//- f/linkedService/ML.json
{"name": "ML", "properties": {"type": "AzureML", "typeProp$0erties": {}}}
"#,
    );
    let found: Vec<CodeAction> = actions(&f)
        .into_iter()
        .filter(|a| a.rule == Some("missing-required-property"))
        .collect();
    let titles: Vec<&str> = found.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles.contains(&"Add required property `mlEndpoint`"),
        "{titles:?}"
    );
    let ml = found
        .iter()
        .find(|a| a.title.contains("mlEndpoint"))
        .expect("mlEndpoint");
    assert_eq!(ml.edits[0].new_text, "\"mlEndpoint\": \"<mlEndpoint>\"");
}

const CHILD: &str = r#"
//- f/pipeline/Load.json
{"name": "Load", "properties": {"parameters": {"region": {"type": "string"}, "days": {"type": "int"}, "opt": {"type": "string", "defaultValue": "x"}},
 "variables": {"v": {"type": "Array"}},
 "activities": [
  {"name": "Cut", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@split(pipeline().parameters.region, ',')"}},
  {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "@pipeline().parameters.days"}}]}}
"#;

#[test]
fn add_missing_parameter_arguments() {
    // No `parameters` yet: it is created next to the pipeline reference.
    let f = parse(&format!(
        r#"{CHILD}
//- f/pipeline/Parent.json
{{"name": "Parent", "properties": {{"activities": [
 {{"name": "Run", "type": "ExecutePipeline", "typeProperties": {{"pipeline": {{"referenceName": "Lo$0ad", "type": "PipelineReference"}}}}}}]}}}}
"#
    ));
    let a = only_action(&f, "missing-parameter-argument");
    assert_eq!(a.title, "Pass missing arguments `region`, `days`");
    let text = apply_and_recheck(&f, &a);
    assert!(
        text.contains(
            r#""type": "PipelineReference"}, "parameters": {"region": "<region>", "days": 0}}"#
        ),
        "{text}"
    );

    // An existing `parameters` object gets the missing one added.
    let f = parse(&format!(
        r#"{CHILD}
//- f/pipeline/Parent.json
{{"name": "Parent", "properties": {{"activities": [
 {{"name": "Run", "type": "ExecutePipeline", "typeProperties": {{"pipeline": {{"referenceName": "Lo$0ad", "type": "PipelineReference"}},
   "parameters": {{"days": 3}}}}}}]}}}}
"#
    ));
    let a = only_action(&f, "missing-parameter-argument");
    assert_eq!(a.title, "Pass missing argument `region`");
    let text = apply_and_recheck(&f, &a);
    assert!(
        text.contains(r#""parameters": {"days": 3, "region": "<region>"}"#),
        "{text}"
    );

    // Dataset references take their arguments inside the reference.
    let f = parse(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Data.json
{"name": "Data", "properties": {"type": "Binary", "parameters": {"folder": {"type": "string"}},
 "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Del", "type": "Delete", "typeProperties": {"dataset": {"referenceName": "Da$0ta", "type": "DatasetReference"}}}]}}
"#,
    );
    let a = only_action(&f, "missing-parameter-argument");
    let text = apply_and_recheck(&f, &a);
    assert!(
        text.contains(r#"{"referenceName": "Data", "type": "DatasetReference", "parameters": {"folder": "<folder>"}}"#),
        "{text}"
    );
}

#[test]
fn move_an_inline_secret_to_each_key_vault_without_echoing_it() {
    const SECRET: &str = "Zq8vR3pLm1Xt7Nw2Ks5Yb9Hc4";
    let fixture = format!(
        r#"
//- f/linkedService/KV.json
{{"name": "KV", "properties": {{"type": "AzureKeyVault", "typeProperties": {{"baseUrl": "https://kv.vault.azure.net"}}}}}}
//- f/linkedService/Backup.json
{{"name": "Backup", "properties": {{"type": "AzureKeyVault", "typeProperties": {{"baseUrl": "https://b.vault.azure.net"}}}}}}
//- f/linkedService/Sales.json
{{"name": "Sales", "properties": {{"type": "AzureSqlDatabase", "typeProperties": {{
  "connectionString": "Server=tcp:s.database.windows.net;Database=d;User ID=u;",
  "password": {{"type": "SecureString", "value": "{SECRET}$0"}}}}}}}}
"#
    );
    let f = parse(&fixture);
    let found: Vec<CodeAction> = actions(&f)
        .into_iter()
        .filter(|a| a.rule == Some("plaintext-secret"))
        .collect();
    let titles: Vec<&str> = found.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Replace with secret 'Sales-password' from Key Vault 'Backup' (store the value in the vault first)",
            "Replace with secret 'Sales-password' from Key Vault 'KV' (store the value in the vault first)",
        ]
    );
    for a in &found {
        assert!(!a.title.contains(SECRET));
        assert!(a.edits.iter().all(|e| !e.new_text.contains(SECRET)));
        let text = apply_and_recheck(&f, a);
        assert!(!text.contains(SECRET), "{text}");
        assert!(text.contains(r#""secretName": "Sales-password""#), "{text}");
    }

    // No Key Vault in the factory: nothing to offer.
    let without: String = fixture
        .split("//- ")
        .filter(|part| !part.contains("AzureKeyVault\""))
        .collect::<Vec<_>>()
        .join("//- ");
    let f = parse(&without);
    assert!(actions(&f)
        .iter()
        .all(|a| a.rule != Some("plaintext-secret")));
}

#[test]
fn no_action_away_from_findings() {
    let f = parse(
        r#"
//- f/pipeline/P.json
{"name": "P$0", "properties": {"activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSecond": 1}}]}}
"#,
    );
    assert!(actions(&f).is_empty());
}
