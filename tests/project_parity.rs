//! One project model, three hosts: `adf check --format json`, the language server's pulled
//! diagnostics and the wasm package's host see the same factory and give the same findings.
//!
//! The fixture (tests/fixtures/exclude-parity) excludes an identical old copy of a linked
//! service (it must not make the real one a duplicate), the only file that defines `Archive`
//! (a reference to it stays unresolved), and the only pipeline that reads `StagingData` (which
//! is then unused); `adf.toml` raises `unused-entity` to a warning and accepts it for `Spare`
//! (`[[ignore]]`), and an astral character stands before a finding on its line (and before an
//! activity's name on another). Identical means: path relative to the fixture, rule,
//! severity, range in UTF-16 code units, message; for `adf graph --format json` and the wasm
//! host's graph, the whole object (nodes with kinds and name ranges, edges with links).
//!
//! A second fixture (tests/fixtures/bad-config-parity) has a nested `adf.toml` with a mistake
//! after non-ASCII text on its line: every host reports it as the same `invalid-config`
//! finding of that file.

use adf_e2e::lsp_client::{uri, Client};
use adf_e2e::{adf, adf_bin, files_where, json_files, repo};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// (path, rule, severity, start line, start UTF-16 column, end line, end UTF-16 column, message),
/// lines and columns zero-based.
type Seen = (String, String, String, u64, u64, u64, u64, String);

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/exclude-parity")
}

/// The `adf.toml` files below a folder, relative to it, sorted.
fn config_files(dir: &Path) -> Vec<String> {
    files_where(dir, |p| p.file_name().is_some_and(|n| n == "adf.toml"))
}

/// The UTF-16 column of a 1-based character column on a 1-based line of `text`.
fn utf16_column(text: &str, line: u64, column: u64) -> u64 {
    let line_text = text
        .lines()
        .nth(usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX))
        .unwrap_or("");
    line_text
        .chars()
        .take(usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX))
        .map(|c| c.len_utf16() as u64)
        .sum()
}

fn from_cli(dir: &Path) -> BTreeSet<Seen> {
    let out = adf(dir, &["check", "--format", "json", "."]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("adf check --format json");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("").to_string();
            let text = std::fs::read_to_string(dir.join(&file)).expect("fixture file");
            let n = |k: &str| d[k].as_u64().unwrap_or(0);
            (
                file,
                d["rule"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
                n("line") - 1,
                utf16_column(&text, n("line"), n("column")),
                n("endLine") - 1,
                utf16_column(&text, n("endLine"), n("endColumn")),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn from_server(dir: &Path) -> BTreeSet<Seen> {
    let mut c = Client::start(&adf_bin());
    c.initialize(
        dir,
        json!({"window": {"workDoneProgress": true},
               "textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    c.indexed();
    let report = c.result("workspace/diagnostic", json!({"previousResultIds": []}));
    c.stop();
    let root = uri(dir);
    let mut seen = BTreeSet::new();
    for item in report["items"].as_array().expect("items") {
        let file = item["uri"]
            .as_str()
            .and_then(|u| u.strip_prefix(&format!("{root}/")))
            .unwrap_or("")
            .to_string();
        for d in item["items"].as_array().into_iter().flatten() {
            let r = &d["range"];
            let severity = match d["severity"].as_u64() {
                Some(1) => "error",
                Some(2) => "warning",
                Some(3) => "info",
                _ => "hint",
            };
            seen.insert((
                file.clone(),
                d["code"].as_str().unwrap_or("").to_string(),
                severity.to_string(),
                r["start"]["line"].as_u64().unwrap_or(0),
                r["start"]["character"].as_u64().unwrap_or(0),
                r["end"]["line"].as_u64().unwrap_or(0),
                r["end"]["character"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    seen
}

/// The wasm host with the fixture's files, and its configuration unless `bare`.
fn wasm_host(dir: &Path, bare: bool) -> adf_wasm::host::Host {
    let mut host = adf_wasm::host::Host::new();
    let files: Vec<(String, String)> = json_files(dir)
        .into_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(dir.join(&rel)).expect("fixture file");
            (rel, text)
        })
        .collect();
    host.set_files(files);
    if !bare {
        for rel in config_files(dir) {
            let config = std::fs::read_to_string(dir.join(&rel)).expect("adf.toml");
            host.set_config(&rel, &config);
        }
    }
    host
}

fn from_wasm_host(dir: &Path) -> BTreeSet<Seen> {
    wasm_host(dir, false)
        .all_diagnostics()
        .into_iter()
        .flat_map(|f| {
            f.diagnostics.into_iter().map(move |d| {
                (
                    f.path.clone(),
                    d.rule.to_string(),
                    serde_json::to_value(d.severity)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    u64::from(d.range.start.line),
                    u64::from(d.range.start.character),
                    u64::from(d.range.end.line),
                    u64::from(d.range.end.character),
                    d.message,
                )
            })
        })
        .collect()
}

#[test]
fn cli_server_and_wasm_see_one_factory() {
    let dir = fixture();
    let cli = from_cli(&dir);
    let rules: Vec<(&str, &str)> = cli.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("dataset/Sales.json", "unresolved-reference"),
            ("dataset/StagingData.json", "unused-entity"),
        ],
        "the excluded files take no part: no duplicate `Blob`, no `Archive`, no reader of \
         `StagingData`; {cli:#?}"
    );
    assert!(cli.iter().all(|s| s.2 != "hint"), "{cli:#?}");
    let server = from_server(&dir);
    assert_eq!(server, cli, "the language server differs from adf check");
    let wasm = from_wasm_host(&dir);
    assert_eq!(wasm, cli, "the wasm host differs from adf check");
}

#[test]
fn a_bad_configuration_is_the_same_finding_in_every_host() {
    let dir = repo().join("tests/fixtures/bad-config-parity");
    let out = adf(&dir, &["check", "--format", "json", "."]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad configuration stops adf check"
    );
    let cli = from_cli(&dir);
    let finding: Vec<&Seen> = cli.iter().collect();
    assert_eq!(finding.len(), 1, "{cli:#?}");
    let (path, rule, severity, line, start, end_line, end, message) = finding[0];
    assert_eq!(
        (path.as_str(), rule.as_str(), severity.as_str()),
        ("factory/adf.toml", "invalid-config", "error")
    );
    // `"[bad"` on the third line, after `é` and `📦` (two UTF-16 code units).
    assert_eq!((*line, *start, *end_line, *end), (2, 28, 2, 34), "{cli:#?}");
    assert!(message.starts_with("bad glob"), "{message}");

    // The editor hosts check the factory meanwhile, under the configuration above the bad
    // one (it never parsed), and report the same finding of the bad file.
    let server = from_server(&dir);
    let wasm = from_wasm_host(&dir);
    assert_eq!(
        wasm, server,
        "the wasm host differs from the language server"
    );
    let of_config: BTreeSet<Seen> = server
        .iter()
        .filter(|s| s.0.ends_with("adf.toml"))
        .cloned()
        .collect();
    assert_eq!(of_config, cli, "the language server differs from adf check");
    assert!(
        server.iter().any(|s| s.0 == "factory/dataset/Sales.json"
            && s.1 == "unused-entity"
            && s.2 == "warning"),
        "the root configuration governs the factory meanwhile: {server:#?}"
    );
}

fn graph_from_cli(dir: &Path) -> Value {
    let out = adf(dir, &["graph", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("adf graph --format json")
}

/// The wasm host's graph as JavaScript receives it: the same serde shape, through
/// serde-wasm-bindgen's JSON-compatible serializer there and serde_json here.
fn graph_from_wasm_host(host: &adf_wasm::host::Host) -> Value {
    serde_json::to_value(host.graph()).expect("the wasm graph serializes")
}

fn node<'g>(graph: &'g Value, id: &str) -> Option<&'g Value> {
    graph["nodes"]
        .as_array()
        .and_then(|nodes| nodes.iter().find(|n| n["id"] == id))
}

/// The text a node's range covers in its file (UTF-16 line and character, zero-based).
fn text_at(dir: &Path, node: &Value) -> String {
    let text =
        std::fs::read_to_string(dir.join(node["path"].as_str().unwrap_or(""))).unwrap_or_default();
    let range = &node["range"];
    let line = range["start"]["line"].as_u64().unwrap_or(u64::MAX);
    assert_eq!(range["end"]["line"].as_u64(), Some(line), "{node}");
    let on_line: Vec<u16> = text
        .lines()
        .nth(usize::try_from(line).unwrap_or(usize::MAX))
        .unwrap_or("")
        .encode_utf16()
        .collect();
    let at = |k: &str| usize::try_from(range[k]["character"].as_u64().unwrap_or(0)).unwrap_or(0);
    String::from_utf16_lossy(on_line.get(at("start")..at("end")).unwrap_or(&[]))
}

#[test]
fn cli_and_wasm_give_one_graph_without_the_excluded_files() {
    let dir = fixture();
    let cli = graph_from_cli(&dir);
    let wasm = graph_from_wasm_host(&wasm_host(&dir, false));
    // In full: nodes (kinds, paths relative to the fixture, name ranges in UTF-16) and edges
    // with their links.
    assert_eq!(wasm, cli, "the wasm host's graph differs from adf graph");

    let nodes = cli["nodes"].as_array().expect("nodes");
    let edges = cli["edges"].as_array().expect("edges");
    let excluded = [
        "linkedService/Blob_old.json",
        "linkedService/Archive.json",
        "pipeline/OldLoad.json",
    ];
    assert!(
        nodes
            .iter()
            .all(|n| !excluded.contains(&n["path"].as_str().unwrap_or(""))),
        "an excluded file defines a node: {nodes:#?}"
    );
    // `Archive` is only a name the dataset gives; its one definition is excluded.
    let archive = node(&cli, "|LinkedService|archive").expect("Archive is referenced");
    assert!(
        archive["path"].is_null() && archive["range"].is_null(),
        "{archive}"
    );
    let blob = node(&cli, "|LinkedService|blob").expect("Blob");
    assert_eq!(blob["path"], "linkedService/Blob.json");
    assert_eq!(text_at(&dir, blob), "\"Blob\"");
    // Every defined node's range is its name, quotes included, whatever precedes it (the
    // activity `Read` comes after `📦`, two UTF-16 units, on its line).
    let read = node(&cli, "|Activity|export/read").expect("activity Read");
    assert_eq!(read["range"]["start"]["character"], 49, "{read}");
    for n in nodes.iter().filter(|n| !n["path"].is_null()) {
        let name = n["name"].as_str().unwrap_or("");
        assert_eq!(text_at(&dir, n), format!("\"{name}\""), "{n}");
    }
    assert!(
        edges.iter().any(|e| e["from"] == "|Dataset|sales"
            && e["to"] == "|LinkedService|archive"
            && e["link"] == "datasetLinkedService"),
        "{edges:#?}"
    );
    // The excluded pipeline and its activity are gone, and so is its edge to `StagingData`.
    assert!(node(&cli, "|Pipeline|oldload").is_none());
    assert!(node(&cli, "|Activity|oldload/check").is_none());
    assert!(
        edges
            .iter()
            .all(|e| !e["from"].as_str().unwrap_or("").contains("oldload")
                && !e["to"].as_str().unwrap_or("").contains("oldload")),
        "{edges:#?}"
    );

    // Without the configuration the same files do give those nodes: the exclusion is what
    // takes them out.
    let bare = graph_from_wasm_host(&wasm_host(&dir, true));
    assert!(node(&bare, "|Pipeline|oldload").is_some());
    assert_eq!(
        node(&bare, "|LinkedService|archive").map(|n| n["path"].clone()),
        Some(json!("linkedService/Archive.json"))
    );
    assert!(bare["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|e| e["from"] == "|Activity|oldload/check" && e["to"] == "|Dataset|stagingdata"));
}

#[test]
fn messages_name_other_files_alike_in_every_host() {
    // Without its configuration the fixture's old copy of `Blob` is a duplicate: the finding
    // names the other file, relative to the factory, whatever paths each host was given.
    let dir = adf_e2e::scratch("parity-no-config");
    // The JSON files only: adf.toml stays behind.
    adf_e2e::copy_tree(&fixture(), &dir);
    let cli = from_cli(&dir);
    let duplicates: Vec<&Seen> = cli.iter().filter(|s| s.1 == "duplicate-name").collect();
    assert_eq!(duplicates.len(), 2, "{cli:#?}");
    assert!(
        duplicates[0].7.contains("(in linkedService/Blob_old.json)"),
        "{duplicates:#?}"
    );
    assert_eq!(
        from_server(&dir),
        cli,
        "the language server differs from adf check"
    );
    assert_eq!(
        from_wasm_host(&dir),
        cli,
        "the wasm host differs from adf check"
    );
    let _ = std::fs::remove_dir_all(dir);
}
