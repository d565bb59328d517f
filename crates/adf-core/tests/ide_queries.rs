//! The IDE queries on cursor-marker fixtures: `$0` marks the cursor in one file; several files
//! are given after `//- path` headers (as in fixture.rs).

use adf_core::ide::{self, CompletionKind, Edit, Location, SymbolKind};
use adf_core::{CheckOptions, SourceFile, TextRange, Workspace};

/// A workspace of the fixture's files, the cursor's file and its offset.
fn setup(fixture: &str) -> (Workspace, String, usize) {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.trim().strip_prefix("//- ") {
            files.push((path.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    let mut cursor = None;
    for (path, text) in &mut files {
        if let Some(i) = text.find("$0") {
            text.replace_range(i..i + 2, "");
            cursor = Some((path.clone(), i));
        }
    }
    let (path, offset) = cursor.expect("fixture has a $0 cursor");
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    (
        Workspace::with_files(CheckOptions::default(), &sources),
        path,
        offset,
    )
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
    let refs = ide::references(&ws, &path, offset);
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
    let edits = ide::rename(&ws, &path, offset, "Lake").expect("rename");
    assert_eq!(edits.len(), 3, "{edits:?}");
    assert!(edits.iter().all(|e| e.new_text == "\"Lake\""));
    assert!(ide::rename(&ws, &path, 0, "Lake").is_err());
    assert!(ide::rename(&ws, &path, offset, " ").is_err());
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
    let edits = ide::rename(&ws, &path, offset, "Start").expect("rename");
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
    assert!(
        items[0].insert_text.starts_with("waitTimeInSeconds\": "),
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
