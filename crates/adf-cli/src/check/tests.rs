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
        max_files: adf_host::fs::DEFAULT_MAX_FILES,
        config: None,
        baseline: None,
        write_baseline: None,
        profile: None,
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

/// A linked service with an inline key; `pad` moves the key along the line.
fn linked_service(pad: &str, key: &str) -> String {
    format!(
        r#"{{"name": "Sales", "properties": {{"type": "AzureBlobStorage", "description": "{pad}", "typeProperties": {{"connectionString": "DefaultEndpointsProtocol=https;AccountName=sales;AccountKey={key}"}}}}}}"#
    )
}

#[test]
fn a_file_rewritten_during_the_run_never_prints_the_new_text() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .entry(
            "/f/linkedService/Sales.json",
            Entry::rewritten(
                &linked_service("", "q1w2e3r4t5y6u7i8o9p0=="),
                &linked_service("moved along", "z9x8c7v6b5n4m3l2k1j0=="),
            ),
        );
    let out = execute(&fs, &args(&["/f"], Format::Text));
    assert!(
        !out.stdout.contains("z9x8c7v6b5n4m3l2k1j0"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("q1w2e3r4t5y6u7i8o9p0"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("plaintext-secret]: ")
            && out.stdout.contains("/f/linkedService/Sales.json"),
        "the finding is still reported: {}",
        out.stdout
    );
    assert!(
        out.stderr.iter().any(|l| l
            == "warning: /f/linkedService/Sales.json changed while it was checked: its findings are shown without positions or source; run again"),
        "{:?}",
        out.stderr
    );
}

#[test]
fn a_file_that_is_not_json_shows_only_the_line_of_each_fault() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .text(
            "/f/pipeline/Open.json",
            "{\"name\": \"Open\", \"properties\": {}, /* open\nTOKEN=one\nTOKEN=two\n",
        );
    let out = execute(&fs, &args(&["/f"], Format::Text));
    assert!(
        out.stdout.contains("unterminated block comment"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("TOKEN="), "{}", out.stdout);

    // One long line (a minified file, or an environment read through a link): the snippet is
    // the fault's neighbourhood, not the line.
    let long = format!(
        "{{\"name\": \"Long\", \"description\": \"{}\", \"x\": oops, \"tail\": \"{}\"}}",
        "a".repeat(5000),
        "b".repeat(5000)
    );
    let fs = MemoryFs::default()
        .text("/f/pipeline/Load.json", PIPELINE)
        .text("/f/pipeline/Long.json", &long);
    let out = execute(&fs, &args(&["/f"], Format::Text));
    // The bare word is masked (it could be an unquoted secret); its neighbourhood is shown.
    assert!(out.stdout.contains("\"x\": ****,"), "{}", out.stdout);
    let widest = out.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(widest < 300, "a line of {widest} bytes");
}

#[test]
fn sarif_says_the_run_failed_when_files_could_not_be_read() {
    let fs = MemoryFs::default().text("/f/pipeline/Load.json", PIPELINE);
    let sarif = |fs: &MemoryFs| -> Value {
        let out = execute(fs, &args(&["/f"], Format::Sarif));
        serde_json::from_str(&out.stdout).unwrap_or(Value::Null)
    };
    let invocation = |v: &Value| v["runs"][0]["invocations"][0].clone();
    assert_eq!(invocation(&sarif(&fs))["executionSuccessful"], true);
    let fs = fs.entry(
        "/f/pipeline/Locked.json",
        Entry::Fails(ErrorKind::PermissionDenied),
    );
    let run = invocation(&sarif(&fs));
    assert_eq!(run["executionSuccessful"], false, "{run}");
    assert_eq!(
        run["toolExecutionNotifications"][0]["message"]["text"],
        "/f/pipeline/Locked.json: cannot read: permission denied"
    );
}

#[test]
fn no_factory_found_names_the_files_that_failed() {
    let fs = MemoryFs::default()
        .text("/g/pipeline/Load.json", "{\"name\": ")
        .entry(
            "/g/pipeline/Wide.json",
            Entry::Fails(ErrorKind::PermissionDenied),
        );
    let out = execute(&fs, &args(&["/g"], Format::Text));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.last().map(String::as_str),
        Some("error: no file in /g was recognised as a Data Factory entity or ARM template: 1 file could not be read and 1 file is not valid JSON (reported above); fix them and run again"),
    );
    assert!(
        !out.stderr.iter().any(|l| l.contains("nothing was checked")),
        "{:?}",
        out.stderr
    );
}

#[test]
fn a_walk_past_the_file_limit_is_fatal() {
    let fs = MemoryFs::default()
        .text("/f/pipeline/A.json", PIPELINE)
        .text("/f/pipeline/B.json", PIPELINE);
    let mut one = args(&["/f"], Format::Json);
    one.max_files = 1;
    let out = execute(&fs, &one);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        ["error: more than 1 JSON files below /f: stopped walking (name the factory's folder, or raise --max-files)"]
    );
}
