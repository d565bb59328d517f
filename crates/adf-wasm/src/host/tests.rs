//! The host as JavaScript drives it, on cursor fixtures: `$0` marks the cursor in one file, files
//! follow `//- path` headers.

use super::Host;
use crate::types::{ActionKind, EntityKind, GraphLink, Position, Severity};

/// A host holding the fixture's files (pushed one by one, as an editor does), the cursor's file
/// and its position.
fn setup(fixture: &str) -> (Host, String, Position) {
    let f = adf_core::fixture::parse(fixture);
    let mut host = Host::new();
    for (path, text) in &f.files {
        host.set_file(path, text);
    }
    let Some((path, offset)) = f.cursor else {
        return (host, String::new(), p(0, 0));
    };
    let text = f
        .files
        .iter()
        .find(|(q, _)| *q == path)
        .map_or("", |(_, t)| t.as_str());
    let lc = adf_syntax::LineIndex::new(text).to_utf16(text, offset);
    (host, path, p(lc.line, lc.col))
}

const FACTORY: &str = r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary",
 "linkedServiceName": {"referenceName": "St$0ore", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/dataset/Orders.json
{"name": "Orders", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Missing", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#;

fn p(line: u32, character: u32) -> Position {
    Position { line, character }
}

#[test]
fn definition_crosses_files_with_utf16_positions() {
    let (host, path, pos) = setup(FACTORY);
    let found = host.definition(&path, pos).unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "f/linkedService/Store.json");
    assert_eq!(found[0].range.start, p(0, 9));
    assert_eq!(found[0].range.end, p(0, 16));
}

#[test]
fn rename_edits_the_definition_and_every_reference() {
    let (host, path, pos) = setup(FACTORY);
    let edits = host.rename(&path, pos, "Lake").unwrap_or_default();
    let mut files: Vec<&str> = edits.iter().map(|e| e.path.as_str()).collect();
    files.sort_unstable();
    assert_eq!(
        files,
        ["f/dataset/Sales.json", "f/linkedService/Store.json"]
    );
    assert!(edits.iter().all(|e| e.new_text == "\"Lake\""), "{edits:?}");
    let empty = host.rename(&path, pos, " ").expect_err("empty name");
    assert!(empty.contains("empty"), "{empty}");
}

#[test]
fn renaming_an_entity_of_the_git_layout_renames_its_file_too() {
    let (host, path, pos) = setup(FACTORY);
    let moves = host.file_renames(&path, pos, "Lake").unwrap_or_default();
    let moves: Vec<(&str, &str)> = moves
        .iter()
        .map(|m| (m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(
        moves,
        [("f/linkedService/Store.json", "f/linkedService/Lake.json")]
    );
    // A name no file can carry renames the entity only.
    let none = host.file_renames(&path, pos, "a/b").unwrap_or_default();
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn diagnostics_name_the_unresolved_reference_on_its_line() {
    let (host, _, _) = setup(FACTORY);
    let found = host
        .diagnostics("f/dataset/Orders.json")
        .unwrap_or_default();
    let unresolved: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "unresolved-reference")
        .collect();
    assert_eq!(unresolved.len(), 1, "{found:?}");
    assert_eq!(unresolved[0].range.start.line, 0);
    assert!(unresolved[0].message.contains("Missing"));
    let all = host.all_diagnostics();
    assert_eq!(all.len(), 3);
}

#[test]
fn unknown_paths_and_positions_outside_the_text_are_errors() {
    let (host, path, _) = setup(FACTORY);
    let e = host.hover("nope.json", p(0, 0)).expect_err("unknown path");
    assert!(e.contains("unknown file `nope.json`"), "{e}");
    let e = host.completion(&path, p(40, 0)).expect_err("no such line");
    assert!(e.contains("outside the document"), "{e}");
    assert!(host.diagnostics("nope.json").is_err());
}

#[test]
fn a_configuration_changes_severities_ignores_and_excludes() {
    let (mut host, _, _) = setup(FACTORY);
    // A mistake is a finding of the configuration, with its range in UTF-16 (after "ü").
    let bad = "# für\n[rules]\nnot-a-rule = \"off\"\n";
    assert_eq!(host.set_config("f/adf.toml", bad), ["f/adf.toml"]);
    let found = host.diagnostics("f/adf.toml").unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].rule, found[0].severity),
        ("invalid-config", Severity::Error)
    );
    assert_eq!(
        (found[0].range.start, found[0].range.end),
        (p(2, 0), p(2, 10))
    );
    assert!(host
        .all_diagnostics()
        .iter()
        .any(|f| f.path == "f/adf.toml" && f.diagnostics.len() == 1));

    host.set_config(
        "f/adf.toml",
        "[rules]\nunresolved-reference = \"warning\"\n",
    );
    assert_eq!(host.diagnostics("f/adf.toml"), Ok(Vec::new()));
    let found = host
        .diagnostics("f/dataset/Orders.json")
        .unwrap_or_default();
    let d = found.iter().find(|d| d.rule == "unresolved-reference");
    assert_eq!(d.map(|d| d.severity), Some(Severity::Warning), "{found:?}");

    let changed = host.set_config("f/adf.toml", "exclude = [\"dataset/Orders.json\"]\n");
    assert!(changed.contains(&"f/dataset/Orders.json".to_string()));
    assert_eq!(host.diagnostics("f/dataset/Orders.json"), Ok(Vec::new()));
    assert!(host.hover("f/dataset/Orders.json", p(0, 0)).is_err());

    host.remove_config("f/adf.toml");
    let back = host
        .diagnostics("f/dataset/Orders.json")
        .unwrap_or_default();
    assert!(back
        .iter()
        .any(|d| d.rule == "unresolved-reference" && d.severity == Severity::Error));
}

#[test]
fn set_files_gives_the_same_findings_as_one_set_file_each() {
    let (one_by_one, _, _) = setup(FACTORY);
    let mut batch = Host::new();
    let files: Vec<(String, String)> = one_by_one
        .paths()
        .into_iter()
        .filter_map(|p| Some((p.clone(), one_by_one.ws().text(&p)?.to_string())))
        .collect();
    batch.set_files(files);
    assert_eq!(batch.all_diagnostics(), one_by_one.all_diagnostics());
}

#[test]
fn a_folder_load_leaves_out_what_a_walk_would_skip() {
    let mut host = Host::new();
    let pipeline = r#"{"name": "Load", "properties": {"activities": []}}"#;
    host.set_files(vec![
        ("f/pipeline/Load.json".to_string(), pipeline.to_string()),
        (
            "f/node_modules/pkg/pipeline/Load.json".to_string(),
            pipeline.to_string(),
        ),
    ]);
    assert_eq!(host.paths(), ["f/pipeline/Load.json"]);
}

#[test]
fn removing_a_file_re_checks_its_dependents() {
    let (mut host, _, _) = setup(FACTORY);
    let changed = host.remove_file("f/linkedService/Store.json");
    assert!(
        changed.contains(&"f/dataset/Sales.json".to_string()),
        "{changed:?}"
    );
    let found = host.diagnostics("f/dataset/Sales.json").unwrap_or_default();
    assert!(found.iter().any(|d| d.rule == "unresolved-reference"));
}

#[test]
fn the_graph_links_datasets_to_linked_services_and_marks_missing_ones() {
    let (host, _, _) = setup(FACTORY);
    let g = host.graph();
    let node = |name: &str| g.nodes.iter().find(|n| n.name == name);
    let sales = node("Sales").map(|n| n.id.clone()).unwrap_or_default();
    let store = node("Store").map(|n| n.id.clone()).unwrap_or_default();
    assert!(
        g.edges
            .iter()
            .any(|e| e.from == sales && e.to == store && e.link == GraphLink::DatasetLinkedService),
        "{g:?}"
    );
    assert_eq!(node("Missing").map(|n| n.path.clone()), Some(None));
    assert_eq!(node("Missing").map(|n| n.range), Some(None));
    assert!(node("Store").is_some_and(|n| n.range.is_some()), "{g:?}");
    assert_eq!(
        node("Store").map(|n| n.kind),
        Some(EntityKind::LinkedService)
    );
}

#[test]
fn document_symbols_and_completion_answer() {
    let (host, path, pos) = setup(FACTORY);
    let symbols = host.document_symbols(&path).unwrap_or_default();
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0].name, "Sales");
    assert_eq!(symbols[0].entity_kind, Some(EntityKind::Dataset));
    let items = host.completion(&path, pos).unwrap_or_default();
    assert!(items.iter().any(|i| i.label == "Store"), "{items:?}");
}

#[test]
fn a_code_action_takes_the_suggested_name() {
    let (host, path, pos) = setup(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary",
 "linkedServiceName": {"referenceName": "Stor$0", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#,
    );
    let actions = host
        .code_actions(
            &path,
            crate::types::Range {
                start: pos,
                end: pos,
            },
        )
        .unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| a.rule == Some("unresolved-reference"));
    let edit = fix.and_then(|a| a.edits.first());
    assert_eq!(
        edit.map(|e| e.new_text.as_str()),
        Some("\"Store\""),
        "{actions:?}"
    );
    assert_eq!(fix.map(|a| a.kind), Some(ActionKind::QuickFix));
}

#[test]
fn workspace_symbols_folds_and_selection_ranges_answer() {
    let (host, path, pos) = setup(FACTORY);
    let found = host.workspace_symbols("sto").unwrap_or_default();
    assert!(
        found
            .iter()
            .any(|s| s.name == "Store" && s.location.path == "f/linkedService/Store.json"),
        "{found:?}"
    );
    let folds = host.folding_ranges(&path).unwrap_or_default();
    assert!(
        folds
            .iter()
            .any(|f| f.range.start.line == 0 && f.range.end.line == 2),
        "{folds:?}"
    );
    let chains = host.selection_ranges(&path, &[pos]).unwrap_or_default();
    assert_eq!(chains.len(), 1);
    assert!(chains[0].len() > 2, "{chains:?}");
    assert!(host.selection_ranges(&path, &[p(99, 0)]).is_err());
}

#[test]
fn folders_joined_in_adf_toml_form_one_factory() {
    let (mut host, _, _) = setup(
        r#"
//- syn/workspace/linkedService/Lake.json
{"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://l.dfs.core.windows.net"}}}
//- syn/templates/dataset/Raw.json
{"name": "Raw", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "raw"}}}}
"#,
    );
    let unresolved = |host: &Host| {
        host.diagnostics("syn/templates/dataset/Raw.json")
            .unwrap_or_default()
            .iter()
            .filter(|d| d.rule == "unresolved-reference")
            .count()
    };
    assert_eq!(unresolved(&host), 1);
    let changed = host.set_config(
        "syn/adf.toml",
        "[[factory]]\nfolders = [\"workspace\", \"templates\"]\n",
    );
    assert!(changed.contains(&"syn/templates/dataset/Raw.json".to_string()));
    assert_eq!(unresolved(&host), 0);
    host.remove_config("syn/adf.toml");
    assert_eq!(unresolved(&host), 1);
}
