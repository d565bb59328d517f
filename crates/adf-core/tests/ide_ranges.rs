//! File moves on rename, folding ranges and selection ranges, on cursor fixtures (`$0` marks the
//! cursor; files follow `//- path` headers).

use adf_core::ide::{self, FileRename, Fold, FoldKind};
use adf_core::{fixture, TextRange, Workspace};

fn setup(fixture: &str) -> (Workspace, String, usize) {
    let f = fixture::parse(fixture);
    let (path, offset) = f.cursor.clone().expect("fixture has a $0 cursor");
    (f.workspace(), path, offset)
}

fn moves(fixture: &str, new_name: &str) -> Vec<FileRename> {
    let (ws, path, offset) = setup(fixture);
    ide::file_renames(&ws, &path, offset, new_name)
}

const GIT: &str = r#"
//- adf/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- adf/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "St$0ore", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#;

#[test]
fn renaming_an_entity_in_the_git_layout_moves_its_file() {
    // From a reference in another file, the declaring file moves.
    assert_eq!(
        moves(GIT, "Lake"),
        vec![FileRename {
            from: "adf/linkedService/Store.json".to_string(),
            to: "adf/linkedService/Lake.json".to_string(),
        }]
    );
    // From the declaration itself.
    let at_decl = GIT
        .replace("St$0ore", "Store")
        .replace("{\"name\": \"Sales\"", "{\"name\": \"Sa$0les\"");
    assert_eq!(
        moves(&at_decl, "Orders"),
        vec![FileRename {
            from: "adf/dataset/Sales.json".to_string(),
            to: "adf/dataset/Orders.json".to_string(),
        }]
    );
    // Names that cannot be file names move nothing.
    assert!(moves(GIT, "a/b").is_empty());
    assert!(moves(GIT, " ").is_empty());
}

#[test]
fn no_file_moves_outside_the_git_layout_or_for_activities() {
    // The file stem differs from the entity name.
    let other_stem = GIT.replace(
        "adf/linkedService/Store.json",
        "adf/linkedService/blob.json",
    );
    assert!(moves(&other_stem, "Lake").is_empty());
    // v1 flat folder.
    let v1 = r#"
//- v1/Blob.json
{"name": "Blob", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<x>"}}}
//- v1/Data.json
{"name": "Data", "properties": {"type": "AzureBlob", "linkedServiceName": "Bl$0ob", "typeProperties": {"folderPath": "a"},
 "availability": {"frequency": "Day", "interval": 1}, "external": true}}
"#;
    assert!(moves(v1, "Lake").is_empty());
    // An activity lives inside its pipeline's file.
    let activity = r#"
//- adf/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "W$0", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#;
    assert!(moves(activity, "X").is_empty());
    // An ARM template holds many entities.
    let arm = r#"
//- arm/ARMTemplateForFactory.json
{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
 "resources": [{"name": "[concat('f', '/P$0')]", "type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
   "properties": {"activities": []}}]}
"#;
    assert!(moves(arm, "Q").is_empty());
}

fn folds(text: &str) -> Vec<(String, FoldKind)> {
    let fixture = format!("//- f/pipeline/P.json\n{text}$0");
    let (ws, path, _) = setup(&fixture);
    let t = ws.text(&path).expect("text").to_string();
    ide::folding_ranges(&ws, &path)
        .into_iter()
        .map(|Fold { range, kind }| (t[range.start..range.end].to_string(), kind))
        .collect()
}

#[test]
fn folding_covers_multi_line_objects_arrays_and_block_comments() {
    let shown = folds(
        r#"{
  /* generated
     by hand */
  "name": "P", // one line
  "properties": {"activities": [
    {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}
  ], "annotations": [], "folder": {"name": "x"}}
}"#,
    );
    let kinds: Vec<FoldKind> = shown.iter().map(|(_, k)| *k).collect();
    assert_eq!(
        kinds,
        vec![
            FoldKind::Region,
            FoldKind::Comment,
            FoldKind::Region,
            FoldKind::Region
        ]
    );
    assert!(shown[0].0.starts_with("{\n  /*") && shown[0].0.ends_with('}'));
    assert_eq!(shown[1].0, "/* generated\n     by hand */");
    assert!(shown[2].0.starts_with("{\"activities\""), "{shown:?}");
    assert!(shown[3].0.starts_with('[') && shown[3].0.ends_with(']'));
}

#[test]
fn folding_works_on_half_typed_text() {
    let shown = folds("{\n  \"name\": \"P\",\n  \"properties\": {\n    \"activities\": [\n");
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|(_, k)| *k == FoldKind::Region));
    assert!(shown[0].0.starts_with('{'));
}

/// The texts of the selection chain at the fixture's cursor.
fn chain(fixture: &str) -> Vec<String> {
    let (ws, path, offset) = setup(fixture);
    let text = ws.text(&path).expect("text").to_string();
    let all = ide::selection_ranges(&ws, &path, &[offset]);
    assert_eq!(all.len(), 1);
    let ranges: Vec<TextRange> = all[0].clone();
    for w in ranges.windows(2) {
        assert!(
            w[1].start <= w[0].start && w[0].end <= w[1].end && w[0] != w[1],
            "not strictly nested: {ranges:?}"
        );
    }
    ranges
        .iter()
        .map(|r| text[r.start..r.end].to_string())
        .collect()
}

#[test]
fn selection_grows_from_the_string_to_the_document() {
    let shown = chain(
        r#"//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "W", "type": "Wa$0it"}]}}"#,
    );
    assert_eq!(
        shown,
        vec![
            "Wait",
            "\"Wait\"",
            "\"type\": \"Wait\"",
            "{\"name\": \"W\", \"type\": \"Wait\"}",
            "[{\"name\": \"W\", \"type\": \"Wait\"}]",
            "\"activities\": [{\"name\": \"W\", \"type\": \"Wait\"}]",
            "{\"activities\": [{\"name\": \"W\", \"type\": \"Wait\"}]}",
            "\"properties\": {\"activities\": [{\"name\": \"W\", \"type\": \"Wait\"}]}",
            "{\"name\": \"P\", \"properties\": {\"activities\": [{\"name\": \"W\", \"type\": \"Wait\"}]}}",
            "{\"name\": \"P\", \"properties\": {\"activities\": [{\"name\": \"W\", \"type\": \"Wait\"}]}}\n",
        ]
    );
    // On a property name: the name, then the property.
    let shown = chain(
        r#"//- f/pipeline/P.json
{"na$0me": "P", "properties": {"activities": []}}"#,
    );
    assert_eq!(&shown[..3], &["name", "\"name\"", "\"name\": \"P\""]);
}

#[test]
fn selection_in_an_expression_starts_at_the_innermost_node() {
    let shown = chain(
        r#"//- f/pipeline/P.json
{"name": "P", "properties": {"parameters": {"x": {"type": "string"}}, "activities": [
 {"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "@length(pipeline().parameters.x$0)"}}]}}"#,
    );
    assert_eq!(
        &shown[..5],
        &[
            "x",
            "pipeline().parameters.x",
            "length(pipeline().parameters.x)",
            "@length(pipeline().parameters.x)",
            "\"@length(pipeline().parameters.x)\"",
        ]
    );
    assert!(shown[5].starts_with("\"waitTimeInSeconds\""));
}
