//! `adf check` over files in memory: files that cannot be read are reported one by one and the
//! rest is still checked; runs that could not do their job end with 2.

use super::*;
use adf_host::fs::memory::{Entry, MemoryFs};
use serde_json::Value;
use std::io::ErrorKind;

const PIPELINE: &str = r#"{"name": "Load", "properties": {"activities": [
  {"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}"#;

fn args(paths: &[&str], format: Format) -> CheckArgs {
    CheckArgs {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        format,
        deny_warnings: false,
        max_file_size: 1 << 20,
        config: None,
        baseline: None,
        write_baseline: None,
    }
}

fn json_run(fs: &MemoryFs, paths: &[&str]) -> (u8, Value) {
    let out = execute(fs, &args(paths, Format::Json));
    let json = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    (out.code, json)
}

#[test]
fn unreadable_binary_vanished_and_looping_files_are_reported_and_the_rest_checked() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .entry(
            "/f/pipeline/Locked.json",
            Entry::Fails(ErrorKind::PermissionDenied),
        )
        .entry("/f/pipeline/Gone.json", Entry::Fails(ErrorKind::NotFound))
        .entry(
            "/f/pipeline/Image.json",
            Entry::Bytes(vec![0x89, b'P', b'N', b'G', 0xff]),
        )
        .entry("/f/pipeline/Again.json", Entry::Loop);
    let (code, json) = json_run(&fs, &["/f"]);
    assert_eq!(code, 1, "{json}");
    let errors: Vec<String> = json["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{}: {}",
                e["file"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            "/f/pipeline/Again.json: symbolic link loop",
            "/f/pipeline/Gone.json: vanished during the run (listed, then gone)",
            "/f/pipeline/Image.json: binary or not UTF-8 text (invalid byte at offset 0)",
            "/f/pipeline/Locked.json: cannot read: permission denied",
        ]
    );
    assert_eq!(json["summary"]["files"], 5);
    assert_eq!(
        json["summary"]["entities"], 1,
        "Load.json was still checked"
    );
}

#[test]
fn the_same_problems_are_sarif_tool_notifications() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .entry(
            "/f/pipeline/Locked.json",
            Entry::Fails(ErrorKind::PermissionDenied),
        );
    let out = execute(&fs, &args(&["/f"], Format::Sarif));
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    let n = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "/f/pipeline/Locked.json"
    );
}

#[test]
fn a_folder_without_any_factory_file_exits_2() {
    let fs = MemoryFs::default().text("/g/settings.json", r#"{"editor.tabSize": 2}"#);
    let out = execute(&fs, &args(&["/g"], Format::Text));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .iter()
            .any(|l| l.contains("no Data Factory files found")),
        "{:?}",
        out.stderr
    );
    let empty = MemoryFs::default().entry("/h/readme.md", Entry::Bytes(b"# hi".to_vec()));
    assert_eq!(execute(&empty, &args(&["/h"], Format::Text)).code, 2);
}

#[test]
fn an_unreadable_or_broken_configuration_exits_2() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .entry("/f/adf.toml", Entry::Fails(ErrorKind::PermissionDenied));
    let out = execute(&fs, &args(&["/f"], Format::Text));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .iter()
            .any(|l| l.contains("configuration /f/adf.toml: cannot read")),
        "{:?}",
        out.stderr
    );
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .text("/f/adf.toml", "[rules]\nunused-entity = \"sometimes\"\n");
    let out = execute(&fs, &args(&["/f"], Format::Text));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .iter()
            .any(|l| l.contains("/f/adf.toml:2:17: unknown severity `sometimes`")),
        "{:?}",
        out.stderr
    );
}

#[test]
fn a_clean_factory_exits_0() {
    let fs = MemoryFs::default().text("/f/pipeline/Load.json", PIPELINE);
    let (code, json) = json_run(&fs, &["/f"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
}
