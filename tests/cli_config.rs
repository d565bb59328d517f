//! `adf.toml` end to end, one fixture per feature: severities, rules off per glob, ignores by
//! entity and by JSON pointer, excludes, the nearest configuration winning, `--config`,
//! baselines and `adf init`. Every fixture is the same small v2 factory, which without
//! configuration has three findings: unknown-property in dataset/Sales.json and
//! pipeline/Load.json, unused-entity on dataset/OldExport.json.

use adf_e2e::{adf, copy_tree, repo, scratch};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// (exit code, `file:line severity rule` lines sorted, stderr).
fn findings(dir: &Path, extra: &[&str]) -> (i32, Vec<String>, String) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(".");
    let out = adf(dir, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let mut lines: Vec<String> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["file"].as_str().unwrap_or("?"),
                d["line"],
                d["severity"].as_str().unwrap_or("?"),
                d["rule"].as_str().unwrap_or("?")
            )
        })
        .collect();
    lines.sort();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn severities_change_and_rules_switch_off() {
    let (code, lines, _) = findings(&fixture("config-severity"), &[]);
    assert_eq!(
        lines,
        [
            "dataset/Sales.json:9 error unknown-property",
            "pipeline/Load.json:11 error unknown-property",
        ]
    );
    assert_eq!(code, 1, "raised to errors, they fail the run");
}

#[test]
fn rules_off_below_a_glob() {
    let (code, lines, _) = findings(&fixture("config-glob"), &[]);
    assert_eq!(
        lines,
        [
            "dataset/OldExport.json:2 hint unused-entity",
            "pipeline/Load.json:11 warning unknown-property",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn a_single_finding_ignored_by_entity_name() {
    let (_, lines, _) = findings(&fixture("config-ignore"), &[]);
    assert!(
        !lines.iter().any(|l| l.contains("unused-entity")),
        "OldExport is ignored: {lines:?}"
    );
}

#[test]
fn a_single_finding_ignored_by_json_pointer() {
    let (_, lines, _) = findings(&fixture("config-ignore"), &[]);
    // `extra` (line 12) is ignored; `note` in the same file and `sheetName` elsewhere, found by
    // the same rule, are not.
    assert_eq!(
        lines,
        [
            "dataset/Sales.json:9 warning unknown-property",
            "pipeline/Load.json:8 warning unknown-property",
        ]
    );
}

#[test]
fn excluded_files_are_not_checked() {
    let out = adf(
        &fixture("config-exclude"),
        &["check", "--format", "json", "."],
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        json["summary"]["files"], 3,
        "dataset/OldExport.json is excluded"
    );
}

#[test]
fn the_nearest_configuration_wins() {
    let (_, lines, _) = findings(&fixture("config-nearest"), &[]);
    assert_eq!(
        lines,
        [
            // a/ has no adf.toml: the one above it switches unused-entity off.
            "a/dataset/Sales.json:9 warning unknown-property",
            "a/pipeline/Load.json:11 warning unknown-property",
            // b/adf.toml wins whole: unknown-property off, unused-entity back to its default.
            "b/dataset/OldExport.json:2 hint unused-entity",
        ]
    );
}

#[test]
fn config_flag_overrides_discovery() {
    let dir = fixture("config-nearest");
    let (_, lines, _) = findings(
        &dir.join("b"),
        &["--config", "../../config-severity/adf.toml"],
    );
    assert_eq!(
        lines,
        [
            "dataset/Sales.json:9 error unknown-property",
            "pipeline/Load.json:11 error unknown-property",
        ]
    );
}

#[test]
fn a_baseline_hides_old_findings_and_shows_new_ones() {
    let dir = scratch("baseline");
    copy_tree(&fixture("config-glob"), &dir);
    let _ = std::fs::remove_file(dir.join("adf.toml"));
    // Adopting: today's findings are written and the run passes.
    let (code, lines, stderr) = findings(&dir, &["--write-baseline", "adf-baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 3);
    assert!(
        stderr.contains("wrote 3 findings to the baseline"),
        "{stderr}"
    );
    assert!(dir.join("adf-baseline.json").is_file());
    // Old findings move down two lines and a new fault appears.
    let load = dir.join("pipeline/Load.json");
    let text = std::fs::read_to_string(&load).expect("read");
    let text = text.replace(
        "{\n    \"name\": \"Load\",",
        "{\n\n\n    \"name\": \"Load\",",
    );
    let text = text.replace(
        "\"name\": \"Look\",",
        "\"name\": \"Look\",\n                \"descripton\": \"lookup\",",
    );
    std::fs::write(&load, text).expect("write");
    let (code, lines, stderr) = findings(&dir, &["--baseline", "adf-baseline.json"]);
    assert_eq!(
        lines,
        ["pipeline/Load.json:9 warning unknown-property"],
        "only the new one"
    );
    assert!(
        stderr.contains("3 findings hidden by the baseline"),
        "{stderr}"
    );
    assert_eq!(code, 0, "a new warning does not fail the run");
    let (code, _, _) = findings(
        &dir,
        &["--baseline", "adf-baseline.json", "--deny-warnings"],
    );
    assert_eq!(code, 1, "with --deny-warnings the new warning fails it");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn init_writes_a_starter_and_never_overwrites() {
    let dir = scratch("init");
    let out = adf(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.join("adf.toml")).expect("adf.toml written");
    assert!(
        written.contains("[rules]") && written.contains("[[ignore]]"),
        "{written}"
    );
    std::fs::write(dir.join("adf.toml"), "# mine\n").expect("write");
    let out = adf(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not overwriting"));
    assert_eq!(
        std::fs::read_to_string(dir.join("adf.toml")).unwrap_or_default(),
        "# mine\n"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn folders_declared_one_factory_resolve_names_across_them() {
    let (_, lines, _) = findings(&fixture("config-factory-joins"), &[]);
    assert_eq!(
        lines,
        ["templates/pipeline/P_Sample.json:18 error unresolved-reference"]
    );
    // Without the declaration the two folders are two factories.
    let dir = scratch("factory-joins");
    copy_tree(&fixture("config-factory-joins"), &dir);
    let (_, lines, _) = findings(&dir, &[]);
    assert_eq!(
        lines,
        [
            "templates/pipeline/P_Sample.json:10 error unresolved-reference",
            "templates/pipeline/P_Sample.json:18 error unresolved-reference",
            "workspace/dataset/Ds_Ingest.json:2 hint unused-entity",
        ]
    );
}

/// `adf graph --format json`: (node id, defining file or `-`) pairs, sorted, or the exit code
/// and stderr when it fails.
fn graph_nodes(dir: &Path, extra: &[&str]) -> Result<Vec<String>, (i32, String)> {
    let mut args = vec!["graph", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(".");
    let out = adf(dir, &args);
    if out.status.code() != Some(0) {
        return Err((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    let json: Value = serde_json::from_slice(&out.stdout).expect("graph json");
    let mut nodes: Vec<String> = json["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            format!(
                "{} {}",
                n["id"].as_str().unwrap_or("?"),
                n["path"].as_str().unwrap_or("-")
            )
        })
        .collect();
    nodes.sort();
    Ok(nodes)
}

#[test]
fn the_graph_leaves_excluded_files_out_as_check_does() {
    let nodes = graph_nodes(&fixture("config-exclude"), &[]).expect("graph");
    assert!(
        nodes.iter().all(|n| !n.contains("OldExport")),
        "dataset/OldExport.json is excluded: {nodes:#?}"
    );
    assert!(nodes.contains(&"|Dataset|sales dataset/Sales.json".to_string()));
    // Without the configuration the same file is a node.
    let dir = scratch("graph-exclude");
    copy_tree(&fixture("config-exclude"), &dir);
    let nodes = graph_nodes(&dir, &[]).expect("graph");
    assert!(nodes.contains(&"|Dataset|oldexport dataset/OldExport.json".to_string()));
    // `--config` replaces discovery, as for check (its globs are relative to its folder).
    std::fs::write(
        dir.join("graph.toml"),
        "exclude = [\"dataset/Old*.json\"]\n",
    )
    .expect("write graph.toml");
    let nodes = graph_nodes(&dir, &["--config", "graph.toml"]).expect("graph");
    assert!(nodes.iter().all(|n| !n.contains("OldExport")), "{nodes:#?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_graph_joins_folders_declared_one_factory() {
    let nodes = graph_nodes(&fixture("config-factory-joins"), &[]).expect("graph");
    assert!(
        nodes.contains(&"workspace|Dataset|ds_ingest workspace/dataset/Ds_Ingest.json".to_string()),
        "{nodes:#?}"
    );
    assert!(
        nodes.iter().all(|n| !n.starts_with("templates|")),
        "{nodes:#?}"
    );
    let dir = scratch("graph-joins");
    copy_tree(&fixture("config-factory-joins"), &dir);
    let nodes = graph_nodes(&dir, &[]).expect("graph");
    assert!(
        nodes.iter().any(|n| n.starts_with("templates|Pipeline|")),
        "two factories without the declaration: {nodes:#?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_broken_configuration_stops_the_graph() {
    let dir = scratch("graph-broken-config");
    copy_tree(&fixture("config-exclude"), &dir);
    std::fs::write(dir.join("adf.toml"), "exclude = [\n").expect("write adf.toml");
    let (code, stderr) = graph_nodes(&dir, &[]).expect_err("exit 2");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("adf.toml"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}
