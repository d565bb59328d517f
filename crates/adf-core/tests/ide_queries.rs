//! The IDE queries on cursor-marker fixtures: `$0` marks the cursor in one file; several files
//! are given after `//- path` headers (as in fixture.rs).

use adf_core::ide::{self, Cancel, CompletionKind, Edit, Location, SymbolKind};
use adf_core::{fixture, TextRange, Workspace};

/// A workspace of the fixture's files, the cursor's file and its offset.
fn setup(fixture: &str) -> (Workspace, String, usize) {
    let f = fixture::parse(fixture);
    let (path, offset) = f.cursor.clone().expect("fixture has a $0 cursor");
    (f.workspace(), path, offset)
}

/// The text a location covers.
fn text_at<'w>(ws: &'w Workspace, l: &Location) -> &'w str {
    &ws.text(&l.path).expect("text")[l.range.start..l.range.end]
}

const V2: &str = r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "St$0ore", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/dataset/Orders.json
{"name": "Orders", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#;

#[test]
fn definition_goes_from_a_v2_reference_to_the_entity_name() {
    let (ws, path, offset) = setup(V2);
    let targets = ide::definition(&ws, &path, offset);
    assert_eq!(targets.len(), 1, "{targets:?}");
    assert_eq!(targets[0].path, "f/linkedService/Store.json");
    assert_eq!(text_at(&ws, &targets[0]), "\"Store\"");
}

#[test]
fn definition_goes_from_a_v1_bare_name_and_from_depends_on() {
    let (ws, path, offset) = setup(
        r#"
//- v1/Blob.json
{"name": "Blob", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<x>"}}}
//- v1/Data.json
{"name": "Data", "properties": {"type": "AzureBlob", "linkedServiceName": "Bl$0ob", "typeProperties": {"folderPath": "a"},
 "availability": {"frequency": "Day", "interval": 1}, "external": true}}
"#,
    );
    let targets = ide::definition(&ws, &path, offset);
    assert_eq!(targets.len(), 1, "{targets:?}");
    assert_eq!(targets[0].path, "v1/Blob.json");

    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "First", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Second", "type": "Wait", "dependsOn": [{"activity": "fir$0st", "dependencyConditions": ["Succeeded"]}], "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    let targets = ide::definition(&ws, &path, offset);
    assert_eq!(targets.len(), 1, "{targets:?}");
    assert_eq!(text_at(&ws, &targets[0]), "\"First\"");
}

#[test]
fn references_list_the_declaration_and_every_reference_in_the_factory() {
    let (ws, path, offset) = setup(V2);
    let refs = ide::references(&ws, &path, offset, &Cancel::never()).expect("not cancelled");
    let shown: Vec<(String, String)> = refs
        .iter()
        .map(|l| (l.path.clone(), text_at(&ws, l).to_string()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("f/dataset/Orders.json".to_string(), "\"store\"".to_string()),
            ("f/dataset/Sales.json".to_string(), "\"Store\"".to_string()),
            (
                "f/linkedService/Store.json".to_string(),
                "\"Store\"".to_string()
            ),
        ]
    );
}

#[test]
fn rename_edits_the_entity_and_every_reference() {
    let (ws, path, offset) = setup(V2);
    let edits = ide::rename(&ws, &path, offset, "Lake", &Cancel::never()).expect("rename");
    assert_eq!(edits.len(), 3, "{edits:?}");
    assert!(edits.iter().all(|e| e.new_text == "\"Lake\""));
    assert!(ide::rename(&ws, &path, 0, "Lake", &Cancel::never()).is_err());
    assert!(ide::rename(&ws, &path, offset, " ", &Cancel::never()).is_err());
}

#[test]
fn rename_of_an_activity_includes_depends_on() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Fi$0rst", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Second", "type": "Wait", "dependsOn": [{"activity": "First", "dependencyConditions": ["Succeeded"]}], "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    let edits = ide::rename(&ws, &path, offset, "Start", &Cancel::never()).expect("rename");
    let texts: Vec<&str> = edits
        .iter()
        .map(|e: &Edit| &ws.text(&e.path).expect("text")[e.range.start..e.range.end])
        .collect();
    assert_eq!(texts, vec!["\"First\"", "\"First\""]);
}

#[test]
fn hover_on_a_property_tells_type_requiredness_and_values() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"concurrency": 2, "activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSe$0conds": 1}}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(h.markdown.contains("`waitTimeInSeconds`"), "{}", h.markdown);
    assert!(h.markdown.contains("required"), "{}", h.markdown);
    assert!(h.markdown.contains("expression"), "{}", h.markdown);
    assert_eq!(
        &ws.text(&path).expect("text")[h.range.start..h.range.end],
        "\"waitTimeInSeconds\""
    );
}

#[test]
fn hover_on_a_reference_summarises_the_entity() {
    let (ws, path, offset) = setup(V2);
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(h.markdown.contains("linked service"), "{}", h.markdown);
    assert!(h.markdown.contains("AzureBlobStorage"), "{}", h.markdown);
    assert!(
        h.markdown.contains("f/linkedService/Store.json"),
        "{}",
        h.markdown
    );
}

fn labels(items: &[ide::CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn completion_offers_property_names_in_half_typed_text_required_first() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"wa$0
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(
        labels(&items).first(),
        Some(&"waitTimeInSeconds"),
        "{items:?}"
    );
    assert_eq!(items[0].kind, CompletionKind::Property);
    // The item replaces the key typed so far, its opening quote included (editors' words stop
    // at quotes), and brings the whole key.
    let typed = items[0].replace.expect("a replace range");
    assert_eq!(
        &ws.text(&path).expect("text")[typed.start..typed.end],
        "\"wa"
    );
    assert_eq!(
        items[0].filter_text.as_deref(),
        Some("\"waitTimeInSeconds\"")
    );
    assert!(
        items[0].insert_text.starts_with("\"waitTimeInSeconds\": "),
        "{items:?}"
    );

    // Outside quotes, with a property already present: the rest, names quoted.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [], $0}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    let l = labels(&items);
    assert!(
        l.contains(&"parameters") && !l.contains(&"activities"),
        "{l:?}"
    );
    let p = items
        .iter()
        .find(|i| i.label == "parameters")
        .expect("parameters");
    assert!(p.insert_text.starts_with("\"parameters\": {"), "{p:?}");
}

#[test]
fn completion_offers_enum_values_and_type_discriminators() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "W", "type": "Wa$0"}]}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert!(labels(&items).contains(&"Wait"), "{:?}", labels(&items));
    assert!(items.iter().all(|i| i.kind == CompletionKind::Type));

    let (ws, path, offset) = setup(
        r#"
//- f/trigger/T.json
{"name": "T", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "$0", "interval": 1}}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    let l = labels(&items);
    assert!(l.contains(&"Day") && l.contains(&"Hour"), "{l:?}");
    assert!(items
        .iter()
        .all(|i| i.kind == CompletionKind::Value && !i.snippet));
}

#[test]
fn completion_offers_entity_and_activity_names_where_references_go() {
    let (ws, path, offset) = setup(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/linkedService/Vault.json
{"name": "Vault", "properties": {"type": "AzureKeyVault", "typeProperties": {"baseUrl": "https://v.vault.azure.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "$0", "type": "LinkedServiceReference"}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(labels(&items), vec!["Store", "Vault"]);
    assert_eq!(
        items[0].kind,
        CompletionKind::Entity(adf_catalog::EntityKind::LinkedService)
    );

    let (ws, path, offset) = setup(
        r#"
//- v1/Blob.json
{"name": "Blob", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<x>"}}}
//- v1/In.json
{"name": "In", "properties": {"type": "AzureBlob", "linkedServiceName": "Blob", "typeProperties": {"folderPath": "a"},
 "availability": {"frequency": "Day", "interval": 1}, "external": true}}
//- v1/P.json
{"name": "P", "properties": {"activities": [{"name": "C", "type": "Copy", "inputs": [{"name": "$0"}]}]}}
"#,
    );
    assert_eq!(labels(&ide::completion(&ws, &path, offset)), vec!["In"]);

    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "B", "type": "Wait", "dependsOn": [{"activity": "$0"}], "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    assert_eq!(labels(&ide::completion(&ws, &path, offset)), vec!["A"]);
}

#[test]
fn document_symbols_nest_activities_in_their_pipeline() {
    let (ws, path, _) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P$0", "properties": {"activities": [
 {"name": "Loop", "type": "ForEach", "typeProperties": {"items": "@pipeline().parameters.xs", "activities": [
   {"name": "Inner", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}},
 {"name": "After", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    let syms = ide::document_symbols(&ws, &path);
    assert_eq!(syms.len(), 1);
    let p = &syms[0];
    assert_eq!(p.name, "P");
    assert_eq!(
        p.kind,
        SymbolKind::Entity(adf_catalog::EntityKind::Pipeline)
    );
    let names: Vec<&str> = p.children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Loop", "After"]);
    assert_eq!(p.children[0].children[0].name, "Inner");
    for s in [&p.children[0], &p.children[0].children[0]] {
        let within = |r: TextRange| s.range.start <= r.start && r.end <= s.range.end;
        assert!(within(s.selection_range), "{s:?}");
        assert!(ws.text(&path).expect("text")[s.range.start..].starts_with('{'));
    }
}

#[test]
fn queries_over_many_files_stop_when_cancelled() {
    let (ws, path, offset) = setup(V2);
    let cancel = Cancel::new();
    let clone = cancel.clone();
    assert!(!cancel.is_cancelled() && cancel.check().is_ok());
    clone.cancel();
    assert!(cancel.is_cancelled());
    let err = ide::references(&ws, &path, offset, &cancel).expect_err("cancelled");
    assert_eq!(err.to_string(), "request cancelled");
    assert_eq!(
        ide::rename(&ws, &path, offset, "Lake", &cancel),
        Err(ide::RenameError::Cancelled)
    );
    assert!(ide::workspace_symbols(&ws, "", &cancel).is_err());
    // A flag that is never set does not stop anything.
    Cancel::never().cancel();
    assert!(!Cancel::never().is_cancelled());
    assert!(ide::workspace_symbols(&ws, "", &Cancel::default()).is_ok());
}

const SYMBOLS: &str = r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/SalesStore.json
{"name": "SalesStore", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/pipeline/Load.json
{"name": "Load", "properties": {"activities": [
 {"name": "StoreRows", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "SortOfRare", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}$0
"#;

#[test]
fn workspace_symbols_rank_exact_prefix_substring_then_subsequence() {
    let (ws, _, _) = setup(SYMBOLS);
    let found = ide::workspace_symbols(&ws, "store", &Cancel::never()).expect("symbols");
    let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
    // Exact, prefix, substring, then `S..t.o.r..e` as a subsequence.
    assert_eq!(
        names,
        vec!["Store", "StoreRows", "SalesStore", "SortOfRare"]
    );
    assert_eq!(
        found[0].kind,
        SymbolKind::Entity(adf_catalog::EntityKind::LinkedService)
    );
    assert_eq!(found[0].detail.as_deref(), Some("AzureBlobStorage"));
    assert_eq!(found[0].location.path, "f/linkedService/Store.json");
    assert_eq!(text_at(&ws, &found[0].location), "\"Store\"");
    let rows = &found[1];
    assert_eq!(rows.kind, SymbolKind::Activity);
    assert_eq!(rows.container.as_deref(), Some("Load"));
    assert_eq!(rows.detail.as_deref(), Some("Wait"));
    assert_eq!(text_at(&ws, &rows.location), "\"StoreRows\"");

    let all = ide::workspace_symbols(&ws, "", &Cancel::never()).expect("symbols");
    assert_eq!(all.len(), 5);
    assert!(ide::workspace_symbols(&ws, "xyz", &Cancel::never())
        .expect("symbols")
        .is_empty());
}

#[test]
fn workspace_symbols_are_capped() {
    let mut fixture = String::new();
    for i in 0..600 {
        fixture.push_str(&format!(
            "//- f/pipeline/P{i}.json\n{{\"name\": \"P{i}\", \"properties\": {{\"activities\": []}}}}\n"
        ));
    }
    fixture.push_str(
        "//- f/pipeline/Q.json\n{\"name\": \"Q\", \"properties\": {\"activities\": []}}$0\n",
    );
    let (ws, _, _) = setup(&fixture);
    let found = ide::workspace_symbols(&ws, "p", &Cancel::never()).expect("symbols");
    assert_eq!(found.len(), ide::MAX_WORKSPACE_SYMBOLS);
    assert_eq!(found[0].name, "P0");
}

/// The texts of the references at the fixture's cursor, as `path: text`.
fn reference_texts(fixture: &str) -> Vec<String> {
    let (ws, path, offset) = setup(fixture);
    ide::references(&ws, &path, offset, &Cancel::never())
        .expect("not cancelled")
        .iter()
        .map(|l| format!("{}: {}", l.path, text_at(&ws, l)))
        .collect()
}

/// The fixture's cursor file after renaming the symbol at the cursor.
fn renamed(fixture: &str, new_name: &str) -> Vec<(String, String)> {
    let (ws, path, offset) = setup(fixture);
    let mut edits = ide::rename(&ws, &path, offset, new_name, &Cancel::never()).expect("rename");
    edits.sort();
    let mut out: Vec<(String, String)> = Vec::new();
    for e in edits.iter().rev() {
        if !out.iter().any(|(p, _)| *p == e.path) {
            out.push((e.path.clone(), ws.text(&e.path).expect("text").to_string()));
        }
        let (_, text) = out.iter_mut().find(|(p, _)| *p == e.path).expect("file");
        text.replace_range(e.range.start..e.range.end, &e.new_text);
    }
    out.sort();
    out
}

const EXPR_PIPELINE: &str = r#"
//- f/pipeline/P.json
{"name": "P", "properties": {
 "parameters": {"region": {"type": "string"}},
 "variables": {"rows": {"type": "String"}},
 "activities": [
 {"name": "Look$0up", "type": "Lookup", "typeProperties": {"source": {"type": "AzureSqlSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}}},
 {"name": "Keep", "type": "SetVariable", "dependsOn": [{"activity": "Lookup", "dependencyConditions": ["Succeeded"]}],
  "typeProperties": {"variableName": "rows", "value": "@{activity('Lookup').output.count} in @{pipeline().parameters.region}"}},
 {"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": {"value": "@if(equals(activity('lookup').status, 'x'), length(variables('rows')), 1)", "type": "Expression"}}}]}}
"#;

#[test]
fn references_of_an_activity_include_expressions() {
    let shown = reference_texts(EXPR_PIPELINE);
    assert_eq!(
        shown,
        vec![
            "f/pipeline/P.json: \"Lookup\"",
            "f/pipeline/P.json: \"Lookup\"",
            "f/pipeline/P.json: Lookup",
            "f/pipeline/P.json: lookup",
        ]
    );
}

#[test]
fn rename_of_an_activity_rewrites_the_name_inside_expressions_only() {
    let out = renamed(EXPR_PIPELINE, "Get 'rows'");
    let text = &out[0].1;
    assert!(text.contains(r#""name": "Get 'rows'""#), "{text}");
    assert!(text.contains(r#""activity": "Get 'rows'""#), "{text}");
    // Inside the expression the quote is doubled; the rest of the expression is untouched.
    assert!(
        text.contains(
            r#""@{activity('Get ''rows''').output.count} in @{pipeline().parameters.region}""#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#""@if(equals(activity('Get ''rows''').status, 'x'), length(variables('rows')), 1)""#
        ),
        "{text}"
    );
}

#[test]
fn rename_inside_an_expression_respects_json_escapes() {
    let fixture = r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "B", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@concat('\"q\"', activity('$0A').output)"}}],
 "variables": {"v": {"type": "String"}}}}
"#;
    let out = renamed(fixture, "Say \"hi\"");
    let text = &out[0].1;
    assert!(text.contains(r#""name": "Say \"hi\"""#), "{text}");
    assert!(
        text.contains(r#""@concat('\"q\"', activity('Say \"hi\"').output)""#),
        "{text}"
    );
}

#[test]
fn parameters_and_variables_lead_from_uses_to_declarations_and_back() {
    let at_use = EXPR_PIPELINE
        .replace("Look$0up", "Lookup")
        .replace("parameters.region}", "parameters.reg$0ion}");
    let (ws, path, offset) = setup(&at_use);
    let defs = ide::definition(&ws, &path, offset);
    assert_eq!(defs.len(), 1, "{defs:?}");
    assert_eq!(text_at(&ws, &defs[0]), "\"region\"");

    let at_decl = EXPR_PIPELINE
        .replace("Look$0up", "Lookup")
        .replace("{\"rows\": {", "{\"ro$0ws\": {");
    assert_eq!(
        reference_texts(&at_decl),
        vec![
            "f/pipeline/P.json: \"rows\"",
            "f/pipeline/P.json: \"rows\"",
            "f/pipeline/P.json: rows",
        ]
    );
    let at_variable_use = EXPR_PIPELINE
        .replace("Look$0up", "Lookup")
        .replace("variables('rows')", "variables('r$0ows')");
    let (ws, path, offset) = setup(&at_variable_use);
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(h.markdown.contains("variable"), "{}", h.markdown);
}

#[test]
fn hover_on_a_parameter_in_an_expression_adds_the_value_with_defaults() {
    // Issue 19: the workspace hover (what editors show) names the parameter, then gives the
    // property's value computed from the declared defaults and which defaults it assumed.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}},
 "activities": [{"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds":
   "@dayOfYear(addDays(pipeline().parameters.d$0ay, 31))"}}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown.starts_with("**parameter** `day`"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.ends_with(
            "value with defaults: `` 32 ``\n\nassumes the declared default of \
             `pipeline().parameters.day`"
        ),
        "{}",
        h.markdown
    );
}

#[test]
fn rename_of_a_parameter_rewrites_declaration_uses_and_arguments() {
    let fixture = r#"
//- f/pipeline/Child.json
{"name": "Child", "properties": {"parameters": {"reg$0ion": {"type": "string"}}, "activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "@length(pipeline().parameters.region)"}}]}}
//- f/pipeline/Parent.json
{"name": "Parent", "properties": {"activities": [
 {"name": "Run", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Child", "type": "PipelineReference"}, "parameters": {"region": "emea"}}}]}}
"#;
    let out = renamed(fixture, "area");
    assert_eq!(out.len(), 2);
    assert!(out[0].1.contains(r#"{"area": {"type""#), "{}", out[0].1);
    assert!(
        out[0].1.contains("pipeline().parameters.area)"),
        "{}",
        out[0].1
    );
    assert!(
        out[1].1.contains(r#""parameters": {"area": "emea"}"#),
        "{}",
        out[1].1
    );
    let (ws, path, offset) = setup(fixture);
    assert_eq!(
        ide::rename(&ws, &path, offset, "two words", &Cancel::never()),
        Err(ide::RenameError::InvalidName)
    );
}

#[test]
fn rename_refuses_names_data_factory_would_refuse() {
    let fixture = r#"
//- f/pipeline/Load.json
{"name": "Lo$0ad", "properties": {"activities": []}}
//- f/pipeline/Caller.json
{"name": "Caller", "properties": {"activities": [
 {"name": "Run", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Load", "type": "PipelineReference"}}}]}}
"#;
    let (ws, path, offset) = setup(fixture);
    for bad in ["a/b", "x.y", "a:b", "../../x", "two\nlines"] {
        assert_eq!(
            ide::rename(&ws, &path, offset, bad, &Cancel::never()),
            Err(ide::RenameError::InvalidName),
            "{bad:?}"
        );
    }
    // Dashes and a leading digit are names real factories use.
    assert_eq!(renamed(fixture, "01-Load").len(), 2);
}

const CHILD_PIPELINE: &str = r#"
//- f/pipeline/Load.json
{"name": "Load", "properties": {"activities": [], "parameters": {
 "opt": {"type": "string", "defaultValue": "x"}, "region": {"type": "string"}, "days": {"type": "int"}}}}
"#;

#[test]
fn completion_offers_the_targets_parameters_when_passing_arguments() {
    // ExecutePipeline: `parameters` sits beside the pipeline reference; given ones are left out.
    let (ws, path, offset) = setup(&format!(
        r#"{CHILD_PIPELINE}
//- f/pipeline/Parent.json
{{"name": "Parent", "properties": {{"activities": [
 {{"name": "Run", "type": "ExecutePipeline", "typeProperties": {{"pipeline": {{"referenceName": "Load", "type": "PipelineReference"}},
   "parameters": {{"days": 1, $0}}}}}}]}}}}
"#
    ));
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(labels(&items), vec!["region", "opt"]);
    assert!(items[0]
        .detail
        .as_deref()
        .is_some_and(|d| d.contains("required")));
    assert_eq!(items[0].insert_text, "\"region\": \"$1\"");

    // Half-typed, inside a dataset reference, name partly typed in quotes.
    let (ws, path, offset) = setup(
        r#"
//- f/dataset/Data.json
{"name": "Data", "properties": {"type": "Binary", "parameters": {"folder": {"type": "string"}, "depth": {"type": "int", "defaultValue": 1}},
 "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Del", "type": "Delete", "typeProperties": {"dataset": {"referenceName": "Data", "type": "DatasetReference", "parameters": {"fo$0
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(labels(&items), vec!["folder", "depth"]);
    assert_eq!(items[1].insert_text, "\"depth\": ${1:0}");
    let typed = items[1].replace.expect("a replace range");
    assert_eq!(
        &ws.text(&path).expect("text")[typed.start..typed.end],
        "\"fo"
    );
}

#[test]
fn completion_replaces_what_is_typed_of_a_key_or_a_value() {
    // An editor closed the quote: the key's range takes both quotes.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"wa$0"}}]}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    let r = items[0].replace.expect("a replace range");
    assert_eq!(&ws.text(&path).expect("text")[r.start..r.end], "\"wa\"");
    // Renaming a key that has its value: only the name is replaced.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"wa$0": 5}}]}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(items[0].insert_text, "\"waitTimeInSeconds\"", "{items:?}");
    assert!(!items[0].snippet);
    // A reference's name: the string's content, whatever characters it holds.
    let (ws, path, offset) = setup(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "my-St$0o", "type": "LinkedServiceReference"}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(labels(&items), vec!["Store"]);
    let r = items[0].replace.expect("a replace range");
    assert_eq!(&ws.text(&path).expect("text")[r.start..r.end], "my-Sto");
}

#[test]
fn hover_links_the_documentation_of_the_type() {
    let (ws, path, offset) = setup(V2);
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown.contains(
            "(https://learn.microsoft.com/azure/data-factory/connector-azure-blob-storage)"
        ),
        "{}",
        h.markdown
    );
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "Lo$0op", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": []}}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown.contains(
            "(https://learn.microsoft.com/azure/data-factory/control-flow-for-each-activity)"
        ),
        "{}",
        h.markdown
    );
}

#[test]
fn parameterization_file_hover_reads_a_definition_and_a_section() {
    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/linkedServices": {"*": {"properties": {"typeProperties": {"connectionString": "|:-conn$0ectionString:secureString"}}}}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(h.markdown.contains("Key Vault"), "{}", h.markdown);
    assert!(
        h.markdown.contains("`<entity>_connectionString`"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("`secureString`"), "{}", h.markdown);

    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/trig$0gers": {}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(h.markdown.contains("every trigger"), "{}", h.markdown);
}

#[test]
fn parameterization_file_completion_offers_types_paths_actions_and_parameter_types() {
    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/pipelines": {}, $0}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    let l = labels(&items);
    assert!(
        l.contains(&"Microsoft.DataFactory/factories/triggers"),
        "{l:?}"
    );
    assert!(
        !l.contains(&"Microsoft.DataFactory/factories/pipelines"),
        "{l:?}"
    );

    // Along a path through polymorphic `typeProperties`: any trigger type's names.
    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/triggers": {"properties": {"typeProperties": {"rec$0"}}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    let l = labels(&items);
    assert!(l.contains(&"recurrence"), "{l:?}");
    assert!(l.contains(&"maxConcurrency"), "{l:?}");

    // A linked service section takes type names (or `*`) at its own level.
    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/linkedServices": {$0}}
"#,
    );
    let l: Vec<String> = ide::completion(&ws, &path, offset)
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert!(l.iter().any(|n| n == "properties"), "{l:?}");
    assert!(l.iter().any(|n| n == "AzureSqlDatabase"), "{l:?}");

    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/triggers": {"properties": {"typeProperties": {"maxConcurrency": "$0"}}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert_eq!(labels(&items), ["=", "-", "|"]);

    let (ws, path, offset) = setup(
        r#"
//- f/arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/triggers": {"properties": {"typeProperties": {"maxConcurrency": "=:-max:i$0"}}}}
"#,
    );
    let items = ide::completion(&ws, &path, offset);
    assert!(labels(&items).contains(&"int"), "{:?}", labels(&items));
    let text = ws.text(&path).expect("text");
    let r = items[0].replace.expect("replace");
    assert_eq!(&text[r.start..r.end], "i");
    assert_eq!(items[0].kind, CompletionKind::Value);
}

// ---- activity outputs (issue 18): what completion and hover know after `activity('X').` ----

/// A pipeline with one activity of each documented shape; `VALUE` is the expression under test.
const OUTPUTS: &str = r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"variables": {"v": {"type": "String"}}, "activities": [
 {"name": "LookupConfig", "type": "Lookup", "typeProperties": {"source": {"type": "AzureSqlSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}}},
 {"name": "LookupAll", "type": "Lookup", "typeProperties": {"source": {"type": "AzureSqlSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}, "firstRowOnly": false}},
 {"name": "LookupComputed", "type": "Lookup", "typeProperties": {"source": {"type": "AzureSqlSource"}, "dataset": {"referenceName": "D", "type": "DatasetReference"}, "firstRowOnly": "@pipeline().parameters.one"}},
 {"name": "Meta", "type": "GetMetadata", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}, "fieldList": ["childItems", "exists"]}},
 {"name": "MetaAny", "type": "GetMetadata", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}, "fieldList": "@pipeline().parameters.fields"}},
 {"name": "CopyRows", "type": "Copy", "typeProperties": {"source": {"type": "AzureSqlSource"}, "sink": {"type": "ParquetSink"}}},
 {"name": "RunChild", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "C", "type": "PipelineReference"}}},
 {"name": "FireAndForget", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "C", "type": "PipelineReference"}, "waitOnCompletion": false}},
 {"name": "Notebook", "type": "DatabricksNotebook", "typeProperties": {"notebookPath": "/n"}},
 {"name": "Query", "type": "Script", "typeProperties": {"scripts": []}},
 {"name": "Keep", "type": "Filter", "typeProperties": {"items": "@pipeline().parameters.list", "condition": "@true"}},
 {"name": "Call", "type": "WebActivity", "typeProperties": {"url": "https://example.com", "method": "GET"}},
 {"name": "Hook", "type": "WebHook", "typeProperties": {"url": "https://example.com", "method": "POST"}},
 {"name": "Fn", "type": "AzureFunctionActivity", "typeProperties": {"functionName": "f", "method": "GET"}},
 {"name": "Syn", "type": "SynapseNotebook", "typeProperties": {"notebook": {"referenceName": "n", "type": "NotebookReference"}}},
 {"name": "Use", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "VALUE"}}]}}
"#;

fn output_labels(value: &str) -> Vec<String> {
    let (ws, path, offset) = setup(&OUTPUTS.replace("VALUE", value));
    ide::completion(&ws, &path, offset)
        .into_iter()
        .map(|i| i.label)
        .collect()
}

fn output_hover(value: &str) -> String {
    let (ws, path, offset) = setup(&OUTPUTS.replace("VALUE", value));
    ide::hover(&ws, &path, offset)
        .map(|h| h.markdown)
        .unwrap_or_default()
}

#[test]
fn completion_after_an_activity_offers_output_status_and_error() {
    let l = output_labels("@activity('LookupConfig').$0");
    assert_eq!(l, ["output", "Status", "error"]);
    // The casing the documentation uses, whatever the type (a Wait's run has them too).
    assert_eq!(output_labels("@activity('Use').St$0"), ["Status"]);
    assert_eq!(
        output_labels("@activity('LookupConfig').error.$0"),
        ["message", "errorCode"]
    );
}

#[test]
fn completion_after_a_lookup_output_follows_first_row_only() {
    let default = output_labels("@activity('LookupConfig').output.$0");
    assert!(default.contains(&"firstRow".to_string()), "{default:?}");
    assert!(!default.contains(&"value".to_string()), "{default:?}");
    assert!(!default.contains(&"count".to_string()), "{default:?}");
    let all = output_labels("@{activity('LookupAll').output.$0}");
    assert!(all.contains(&"value".to_string()) && all.contains(&"count".to_string()));
    assert!(!all.contains(&"firstRow".to_string()), "{all:?}");
    // A computed `firstRowOnly`: both are possible.
    let any = output_labels("@activity('LookupComputed').output.$0");
    assert!(any.contains(&"firstRow".to_string()) && any.contains(&"value".to_string()));
    // A row's columns come from the data: nothing is claimed.
    assert!(output_labels("@activity('LookupConfig').output.firstRow.$0").is_empty());
    assert!(output_labels("@activity('LookupAll').output.value[0].$0").is_empty());
}

#[test]
fn completion_after_a_get_metadata_output_offers_the_field_list_only() {
    let l = output_labels("@activity('Meta').output.$0");
    assert!(
        l.starts_with(&["childItems".to_string(), "exists".to_string()]),
        "{l:?}"
    );
    assert!(!l.contains(&"itemName".to_string()), "{l:?}");
    assert_eq!(
        output_labels("@activity('Meta').output.childItems[0].$0"),
        ["name", "type"]
    );
    // A computed field list: every documented field.
    let any = output_labels("@activity('MetaAny').output.$0");
    assert!(any.contains(&"itemName".to_string()) && any.contains(&"structure".to_string()));
    assert_eq!(
        output_labels("@activity('MetaAny').output.structure[0].na$0"),
        ["name"]
    );
}

#[test]
fn completion_after_other_outputs() {
    let copy = output_labels("@activity('CopyRows').output.rows$0");
    assert_eq!(copy, ["rowsRead", "rowsCopied", "rowsSkipped"]);
    assert!(output_labels("@activity('CopyRows').output.$0")
        .contains(&"effectiveIntegrationRuntime".to_string()));
    assert_eq!(
        output_labels("@activity('RunChild').output.$0"),
        ["pipelineReturnValue"]
    );
    assert!(output_labels("@activity('FireAndForget').output.$0").is_empty());
    assert_eq!(
        output_labels("@activity('Notebook').output.$0"),
        ["runOutput"]
    );
    assert!(output_labels("@activity('Notebook').output.runOutput.$0").is_empty());
    assert_eq!(
        output_labels("@activity('Query').output.resultSets[0].$0"),
        ["rowCount", "rows"]
    );
    assert_eq!(output_labels("@activity('Keep').output.$0"), ["value"]);
    // A web response is whatever the endpoint sent.
    assert!(output_labels("@activity('Call').output.$0").is_empty());
    assert!(output_labels("@activity('Hook').output.$0").is_empty());
    assert_eq!(
        output_labels("@activity('Fn').output.$0"),
        ["statusQueryGetUri"]
    );
    assert_eq!(output_labels("@activity('Syn').output.$0"), ["status"]);
}

#[test]
fn hover_on_an_output_member_gives_its_type_and_source() {
    let h = output_hover("@activity('LookupConfig').output.first$0Row.name");
    assert!(h.starts_with("`firstRow`: object"), "{h}");
    assert!(h.contains("control-flow-lookup-activity"), "{h}");
    let h = output_hover("@activity('Meta').output.childItems[0].na$0me");
    assert!(h.starts_with("`name`: string"), "{h}");
    let h = output_hover("@activity('LookupConfig').Sta$0tus");
    assert!(
        h.contains("tutorial-pipeline-failure-error-handling"),
        "{h}"
    );
    let h = output_hover("@activity('CopyRows').output.rowsCop$0ied");
    assert!(h.starts_with("`rowsCopied`: integer"), "{h}");
}

#[test]
fn hover_on_an_activity_name_tells_what_the_pipeline_reports_if_it_fails() {
    // Try-catch: the failure is absorbed by the Upon Failure path.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Tr$0y", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Catch", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Try", "dependencyConditions": ["Failed"]}]}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown.contains(
            "If this activity fails: the pipeline reports **Succeeded** via `Catch` (Upon Failure of `Try`)"
        ),
        "{}",
        h.markdown
    );

    // Do-if-else: the skipped Upon Success leaf's parent failed.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Tr$0y", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "OnSuccess", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Try", "dependencyConditions": ["Succeeded"]}]},
 {"name": "OnFailure", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Try", "dependencyConditions": ["Failed"]}]}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown
            .contains("If this activity fails: the pipeline reports **Failed**."),
        "{}",
        h.markdown
    );
}

#[test]
fn hover_claims_nothing_where_the_outcome_is_not_known() {
    // Absorbed inside a ForEach: what the loop reports is not known; and on a dependsOn name
    // the hover is the plain summary.
    for fixture in [
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Each", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": [
  {"name": "Inn$0er", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
  {"name": "Handler", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
   "dependsOn": [{"activity": "Inner", "dependencyConditions": ["Failed"]}]}]}}]}}
"#,
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Try", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
 {"name": "Catch", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1},
  "dependsOn": [{"activity": "Tr$0y", "dependencyConditions": ["Failed"]}]}]}}
"#,
    ] {
        let (ws, path, offset) = setup(fixture);
        let h = ide::hover(&ws, &path, offset).expect("hover");
        assert!(h.markdown.starts_with("**activity**"), "{}", h.markdown);
        assert!(
            !h.markdown.contains("If this activity fails"),
            "{}",
            h.markdown
        );
    }
    // An unhandled failure inside the loop fails it, and so the pipeline.
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Each", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": [
  {"name": "Inn$0er", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}]}}
"#,
    );
    let h = ide::hover(&ws, &path, offset).expect("hover");
    assert!(
        h.markdown.contains("the pipeline reports **Failed**"),
        "{}",
        h.markdown
    );
}

/// Inputs given to "evaluate with inputs" as (name, typed text).
fn given(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

const EVAL: &str = r#"
//- f/factory/F.json
{"name": "F", "properties": {"globalParameters": {"env": {"type": "String", "value": "prod"}}}}
//- f/pipeline/P.json
{"name": "P", "properties": {
 "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}, "n": {"type": "int"}},
 "variables": {"v": {"type": "Array", "defaultValue": ["a", "b"]}},
 "activities": [{"name": "W", "type": "SetVariable", "typeProperties": {"variableName": "out",
   "value": "@concat(pipeline().parameters.day, '/', string(pipeline().para$0meters.n), variables('v')[0], pipeline().globalParameters.env)"}}]}}
"#;

#[test]
fn evaluate_lists_the_inputs_with_their_defaults_then_uses_the_given_ones() {
    let (ws, path, offset) = setup(EVAL);
    let first = ide::evaluate_at(&ws, &path, offset, &[]).expect("an expression");
    assert!(
        first.expression.starts_with("@concat("),
        "{}",
        first.expression
    );
    let literal = &ws.text(&path).expect("text")[first.range.start..first.range.end];
    assert_eq!(literal, format!("\"{}\"", first.expression));
    let inputs: Vec<(&str, ide::InputKind, Option<&str>)> = first
        .inputs
        .iter()
        .map(|i| (i.name.as_str(), i.kind, i.default.as_deref()))
        .collect();
    assert_eq!(
        inputs,
        vec![
            (
                "pipeline().globalParameters.env",
                ide::InputKind::GlobalParameter,
                Some("\"prod\"")
            ),
            (
                "pipeline().parameters.day",
                ide::InputKind::Parameter,
                Some("\"2026-01-01\"")
            ),
            ("pipeline().parameters.n", ide::InputKind::Parameter, None),
            (
                "variables('v')",
                ide::InputKind::Variable,
                Some("[\"a\",\"b\"]")
            ),
        ]
    );
    assert_eq!(
        first.outcome,
        ide::Outcome::Unknown(vec!["pipeline().parameters.n".to_string()])
    );

    // Typed text is JSON when it parses (3), else a string (Ada); given values beat defaults.
    let second = ide::evaluate_at(
        &ws,
        &path,
        offset,
        &given(&[
            ("pipeline().parameters.n", "3"),
            ("pipeline().parameters.day", "Ada"),
            ("variables('v')", "[\"x\"]"),
            ("no such input", "1"),
        ]),
    )
    .expect("an expression");
    assert_eq!(
        second.outcome,
        ide::Outcome::Value("\"Ada/3xprod\"".to_string())
    );
    assert_eq!(second.inputs, first.inputs);
    assert_eq!(second.ignored, vec!["no such input".to_string()]);
}

#[test]
fn evaluate_reports_an_error_at_its_place_in_the_file() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"parameters": {"n": {"type": "int", "defaultValue": 0}},
 "activities": [{"name": "W", "type": "Wait", "typeProperties": {
   "waitTimeInSeconds": "@div(10, pipeline().parameters.n$0)"}}]}}
"#,
    );
    let e = ide::evaluate_at(&ws, &path, offset, &[]).expect("an expression");
    let ide::Outcome::Error { message, range } = &e.outcome else {
        panic!("expected an error: {:?}", e.outcome);
    };
    assert!(!message.is_empty());
    let text = ws.text(&path).expect("text");
    // The divisor is at fault.
    assert_eq!(&text[range.start..range.end], "pipeline().parameters.n");
    // With a given value the same expression has a value.
    let e = ide::evaluate_at(
        &ws,
        &path,
        offset,
        &given(&[("pipeline().parameters.n", "5")]),
    )
    .expect("an expression");
    assert_eq!(e.outcome, ide::Outcome::Value("2".to_string()));
}

#[test]
fn evaluate_reads_items_activity_outputs_and_the_clock() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Look", "type": "Lookup", "typeProperties": {"source": {"type": "JsonSource"}}},
 {"name": "Each", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": [
  {"name": "W", "type": "SetVariable", "typeProperties": {"variableName": "x",
   "value": "@{item().id}-@{activity('Look').output.firstRow.n}-@{formatDateTime(utc$0Now(), 'yyyy')}"}}]}}]}}
"#,
    );
    let first = ide::evaluate_at(&ws, &path, offset, &[]).expect("an expression");
    let names: Vec<(&str, ide::InputKind)> = first
        .inputs
        .iter()
        .map(|i| (i.name.as_str(), i.kind))
        .collect();
    assert_eq!(
        names,
        vec![
            ("activity('Look').output", ide::InputKind::ActivityOutput),
            ("item()", ide::InputKind::Item),
            (ide::CLOCK_INPUT, ide::InputKind::Clock),
        ]
    );
    let second = ide::evaluate_at(
        &ws,
        &path,
        offset,
        &given(&[
            ("item()", r#"{"id": 7}"#),
            ("activity('Look').output", r#"{"firstRow": {"n": "x"}}"#),
            (ide::CLOCK_INPUT, "2026-03-04T05:06:07Z"),
        ]),
    )
    .expect("an expression");
    assert_eq!(
        second.outcome,
        ide::Outcome::Value("\"7-x-2026\"".to_string())
    );
}

#[test]
fn evaluate_answers_only_inside_an_expression() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "W$0", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
    assert_eq!(ide::evaluate_at(&ws, &path, offset, &[]), None);
}

#[test]
fn evaluate_takes_a_seed_for_the_random_source() {
    let (ws, path, offset) = setup(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"variables": {"x": {"type": "String"}}, "activities": [
 {"name": "W", "type": "SetVariable", "typeProperties": {"variableName": "x",
   "value": "@string(ra$0nd(1, 7))"}}]}}
"#,
    );
    let first = ide::evaluate_at(&ws, &path, offset, &[]).expect("an expression");
    let kinds: Vec<(&str, ide::InputKind)> = first
        .inputs
        .iter()
        .map(|i| (i.name.as_str(), i.kind))
        .collect();
    assert_eq!(kinds, vec![(ide::RANDOM_INPUT, ide::InputKind::Random)]);
    let seeded = given(&[(ide::RANDOM_INPUT, "42")]);
    let a = ide::evaluate_at(&ws, &path, offset, &seeded).expect("an expression");
    let b = ide::evaluate_at(&ws, &path, offset, &seeded).expect("an expression");
    assert!(
        matches!(&a.outcome, ide::Outcome::Value(v) if v.starts_with('"')),
        "{a:?}"
    );
    // The same seed, the same value; the seed read is listed once, under its own name.
    assert_eq!(a.outcome, b.outcome);
    assert_eq!(a.inputs, first.inputs);
    // A seed that is not a number is not taken.
    let bad = ide::evaluate_at(&ws, &path, offset, &given(&[(ide::RANDOM_INPUT, "x")]))
        .expect("an expression");
    assert_eq!(bad.ignored, vec![ide::RANDOM_INPUT.to_string()]);
}
