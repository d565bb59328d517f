//! The `adf` binary end to end, on fixture factories: clean example, planted faults in v1 and v2
//! (snapshots of file:line:column and rule), the JSON contract, `adf rules`, exit codes.

use adf_e2e::{adf, copy_tree, finding_lines, repo, scratch};
use serde_json::Value;
use std::path::Path;

/// Runs `adf check --format json .` in `dir` and returns (exit code, parsed output).
fn check_json(dir: &Path) -> (i32, Value) {
    let out = adf(dir, &["check", "--format", "json", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    (out.status.code().unwrap_or(-1), json)
}

/// One line per diagnostic: `file:line:column severity rule`.
fn snapshot_lines(json: &Value) -> String {
    finding_lines(json).join("\n") + "\n"
}

/// Compares a fixture's findings with its `expected.snap` (UPDATE_SNAPSHOTS=1 rewrites it).
fn assert_snapshot(fixture: &str) -> Value {
    let dir = repo().join("tests/fixtures").join(fixture);
    let (code, json) = check_json(&dir);
    assert_eq!(code, 1, "{fixture}: planted errors must fail the run");
    let actual = snapshot_lines(&json);
    let snap = dir.join("expected.snap");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &actual).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "{fixture}: findings differ from expected.snap"
    );
    json
}

#[test]
fn example_checks_clean() {
    let out = adf(&repo(), &["check", "examples/ml-retraining"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.trim(), "checked 7 files: 0 errors, 0 warnings");
}

#[test]
fn planted_v1_faults_found_at_their_lines() {
    let json = assert_snapshot("planted-v1");
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("did you mean `linkedServiceName`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("did you mean `Week`")),
        "{messages:?}"
    );
}

#[test]
fn planted_v2_faults_found_at_their_lines() {
    let json = assert_snapshot("planted-v2");
    let summary = &json["summary"];
    assert_eq!(summary["files"], 9);
    // Every planted fault is in the snapshot; the errors among them fail the run.
    assert!(summary["errors"].as_u64().unwrap_or(0) >= 2, "{summary}");
}

#[test]
fn text_output_shows_location_rule_and_snippet() {
    let dir = repo().join("tests/fixtures/planted-v2");
    let out = adf(&dir, &["check", "pipeline/CopySales.json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[ADF0104 invalid-value]: `retry` must be an integer, found a string"),
        "{text}"
    );
    assert!(text.contains("--> pipeline/CopySales.json:10:30"), "{text}");
    assert!(text.contains("\"retry\": \"three\""), "{text}");
    assert!(text.contains("^^^^^^^"), "{text}");
}

#[test]
fn json_contract_fields() {
    let dir = repo().join("tests/fixtures/planted-v2");
    let (_, json) = check_json(&dir);
    let d = &json["diagnostics"][0];
    for key in [
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "severity",
        "code",
        "rule",
        "message",
    ] {
        assert!(!d[key].is_null(), "missing {key} in {d}");
    }
    for key in ["files", "entities", "errors", "warnings"] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
}

#[test]
fn a_clean_copy_with_one_fault_fails_then_passes_when_fixed() {
    let dir = scratch("one-fault");
    copy_tree(&repo().join("examples/ml-retraining"), &dir);
    let file = dir.join("WeeklyRetraining.json");
    let original = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, original.replace("\"02:00:00\"", "\"2h\"")).expect("write");
    let (code, json) = check_json(&dir);
    // A value outside the published schema is a warning: it fails the run only when denied.
    assert_eq!(code, 0);
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["diagnostics"][0]["line"], 31);
    assert_eq!(json["diagnostics"][0]["rule"], "invalid-value");
    let out = adf(&dir, &["check", "--deny-warnings", "."]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(&file, original).expect("write");
    assert_eq!(check_json(&dir).0, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rules_lists_every_rule() {
    let out = adf(&repo(), &["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    for rule in adf_core::RULES {
        assert!(
            text.contains(rule.code) && text.contains(rule.name),
            "{} missing",
            rule.name
        );
    }
}

#[test]
fn missing_path_and_bad_usage_exit_2() {
    let out = adf(&repo(), &["check", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    let out = adf(&repo(), &["check", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn non_utf8_file_is_reported_not_fatal() {
    let dir = scratch("non-utf8");
    copy_tree(&repo().join("examples/ml-retraining"), &dir);
    std::fs::write(dir.join("Broken.json"), b"{\"name\": \"\xff\xfe\"}").expect("write");
    let (code, json) = check_json(&dir);
    assert_eq!(code, 1);
    assert_eq!(json["errors"][0]["file"], "Broken.json");
    assert_eq!(json["summary"]["files"], 8);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn max_file_size_is_configurable() {
    let dir = repo().join("examples/ml-retraining");
    // The whole folder: a lone file too large to classify would be "no factory found" (exit 2).
    let out = adf(
        &dir,
        &["check", "--format", "json", "--max-file-size", "1K", "."],
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    // A limit of this tool is a warning: the run passes unless warnings are denied.
    assert_eq!(out.status.code(), Some(0));
    let too_large: Vec<&Value> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "file-too-large")
        .collect();
    assert_eq!(too_large.len(), 1, "{json}");
    assert_eq!(too_large[0]["file"], "WeeklyRetraining.json");
    assert_eq!(too_large[0]["severity"], "warning");
    let out = adf(
        &dir,
        &["check", "--deny-warnings", "--max-file-size", "1K", "."],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = adf(&dir, &["check", "--max-file-size", "lots", "."]);
    assert_eq!(out.status.code(), Some(2));
}

/// A pipeline with 30 activities, each with `n` misspelled properties (a warning each).
fn noisy_factory(name: &str, n: usize) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("pipeline")).expect("mkdir");
    let typos: String = (0..n)
        .map(|j| format!("\"descripton{j}\": \"x\", "))
        .collect();
    let activities: Vec<String> = (0..30)
        .map(|i| {
            format!(
                r#"{{"name": "Wait{i}", "type": "Wait", {typos}"typeProperties": {{"waitTimeInSeconds": 1}}}}"#
            )
        })
        .collect();
    let text = format!(
        "{{\"name\": \"Noisy\", \"properties\": {{\"activities\": [\n{}\n]}}}}\n",
        activities.join(",\n")
    );
    std::fs::write(dir.join("pipeline/Noisy.json"), text).expect("write");
    dir
}

/// Runs adf with its standard output read up to the first line and then closed, as `| head -1`
/// does; returns the line, the exit code and standard error.
fn with_reader_gone_after_one_line(dir: &Path, args: &[&str]) -> (String, Option<i32>, String) {
    use std::io::{BufRead, Read};
    let mut child = std::process::Command::new(adf_e2e::adf_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn adf");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = std::io::BufReader::new(out).read_line(&mut line);
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    let status = child.wait().expect("wait");
    (line, status.code(), stderr)
}

/// Runs adf with standard output on /dev/full (every write fails: no space left).
fn into_dev_full(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = std::process::Command::new(adf_e2e::adf_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(full)
        .output()
        .expect("run adf");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // Over 64 KB of findings: the pipe fills and adf is still writing when the reader leaves.
    let dir = noisy_factory("closed-pipe", 20);
    let runs: [&[&str]; 6] = [
        &["check", "."],
        &["check", "--format", "json", "."],
        &["graph", "."],
        &["rules"],
        &["explain", "unknown-property"],
        &["schema"],
    ];
    for args in runs {
        let (line, code, stderr) = with_reader_gone_after_one_line(&dir, args);
        assert!(!line.is_empty(), "{args:?}: nothing written");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
        assert_ne!(code, Some(101), "{args:?}: {stderr}");
        assert_ne!(
            code,
            Some(2),
            "{args:?}: a reader leaving is not a failure: {stderr}"
        );
    }
    // The verdict stands: the findings are warnings, so the check passes.
    let (_, code, _) = with_reader_gone_after_one_line(&dir, &["check", "."]);
    assert_eq!(code, Some(0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_full_disk_is_exit_2_with_a_message() {
    let dir = noisy_factory("dev-full", 1);
    let runs: [&[&str]; 5] = [
        &["check", "."],
        &["graph", "."],
        &["rules"],
        &["explain", "unknown-property"],
        &["schema"],
    ];
    for args in runs {
        let (code, stderr) = into_dev_full(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// A scratch repository with a factory in `factory/` (three warnings) and a `ci/` folder.
fn repo_with_factory(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_tree(
        &repo().join("tests/fixtures/config-glob"),
        &dir.join("factory"),
    );
    let _ = std::fs::remove_file(dir.join("factory/adf.toml"));
    std::fs::create_dir_all(dir.join("ci")).expect("mkdir");
    dir
}

#[test]
fn a_missing_baseline_is_exit_2_and_never_written() {
    let dir = repo_with_factory("baseline-missing");
    let out = adf(
        &dir,
        &["check", "--baseline", "ci/adf-baseline.json", "factory"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("ci/adf-baseline.json does not exist")
            && stderr.contains("--write-baseline"),
        "{stderr}"
    );
    assert!(!dir.join("ci/adf-baseline.json").exists(), "written anyway");
    let out = adf(
        &dir,
        &[
            "check",
            "--write-baseline",
            "ci/adf-baseline.json",
            "factory",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("ci/adf-baseline.json").is_file());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_baseline_in_the_old_format_is_exit_2_asking_for_a_rewrite() {
    let dir = repo_with_factory("baseline-old");
    let old = r#"{"version": 1, "findings": [{"fingerprint": "0123456789abcdef", "rule": "unused-entity", "file": "factory/dataset/OldExport.json", "message": "x"}]}"#;
    std::fs::write(dir.join("ci/adf-baseline.json"), old).expect("write");
    let out = adf(
        &dir,
        &["check", "--baseline", "ci/adf-baseline.json", "factory"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("rewrite with --write-baseline"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn baseline_fingerprints_do_not_depend_on_the_folder_adf_runs_in() {
    let dir = repo_with_factory("baseline-cwd");
    let out = adf(
        &dir,
        &[
            "check",
            "--write-baseline",
            "ci/adf-baseline.json",
            "factory",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let hidden = |cwd: &Path, baseline: &str, path: &str| {
        let out = adf(
            cwd,
            &["check", "--format", "json", "--baseline", baseline, path],
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("json");
        (
            json["summary"]["hidden"].as_u64(),
            json["diagnostics"].as_array().map_or(0, Vec::len),
        )
    };
    assert_eq!(
        hidden(&dir, "ci/adf-baseline.json", "factory"),
        (Some(3), 0)
    );
    assert_eq!(
        hidden(&dir.join("factory"), "../ci/adf-baseline.json", "."),
        (Some(3), 0),
        "from the factory's folder"
    );
    assert_eq!(
        hidden(&dir.join("ci"), "adf-baseline.json", "../factory"),
        (Some(3), 0),
        "from the baseline's folder"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_five_megabyte_name_is_not_echoed_in_full() {
    let dir = scratch("long-name");
    std::fs::create_dir_all(dir.join("pipeline")).expect("mkdir");
    let name = "p".repeat(5 << 20);
    let value = "v".repeat(1 << 20);
    std::fs::write(
        dir.join("pipeline/Long.json"),
        format!(
            r#"{{"name": "Long", "properties": {{"activities": [{{"name": "Wait", "type": "Wait", "{name}": 1, "policy": {{"timeout": "{value}"}}, "typeProperties": {{"waitTimeInSeconds": 1}}}}]}}}}"#
        ),
    )
    .expect("write");
    let (_, json) = check_json(&dir);
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(messages.len() >= 2, "{messages:?}");
    for m in &messages {
        assert!(m.len() < 1000, "{} characters: {}…", m.len(), &m[..200]);
    }
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&format!("`{}…`", "p".repeat(80)))),
        "the name, cut: {messages:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn version_names_the_release_the_commit_and_the_catalog_snapshot() {
    let out = adf(&repo(), &["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let cargo = std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml");
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("workspace version");
    let prefix = format!("adf {version} (commit ");
    let rest = line
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("`{line}` does not start with `{prefix}`"));
    let (commit, catalog) = rest.split_once("; catalog: ").expect("catalog part");
    // The binary was built from this checkout, perhaps a few commits ago: the commit must be
    // one of this repository's (a source archive without git would say "unknown").
    let known = std::process::Command::new("git")
        .args(["cat-file", "-e", &format!("{commit}^{{commit}}")])
        .current_dir(repo())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        known || commit == "unknown",
        "`{commit}` is not a commit of this repository"
    );
    assert!(
        catalog.contains("v1 2015-10-01") && catalog.contains("v2 2018-06-01"),
        "{catalog}"
    );
}

/// `adf eval` with the real binary: inputs from options and a file, the clock, unknown inputs,
/// an evaluation error (exit 1) and bad usage (exit 2).
#[test]
fn eval_computes_values_and_names_what_it_lacks() {
    let dir = scratch("eval");
    std::fs::write(
        dir.join("lookup.json"),
        r#"{"firstRow": {"folder": "sales", "count": 3}}"#,
    )
    .expect("write output file");
    let run = |args: &[&str]| {
        let out = adf(&dir, args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, stdout, _) = run(&[
        "eval",
        "@concat(pipeline().parameters.prefix, '/', activity('Lookup').output.firstRow.folder, '/', formatDateTime(utcNow(), 'yyyy-MM-dd'), '-', string(add(activity('Lookup').output.firstRow.count, 1)))",
        "--param",
        "prefix=raw",
        "--output",
        "Lookup=lookup.json",
        "--now",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), "\"raw/sales/2026-01-01-4\"\n")
    );
    let (code, stdout, _) = run(&[
        "eval",
        "createArray(pipeline().parameters.n, 2.5)",
        "--param",
        "n=1",
    ]);
    assert_eq!((code, stdout.as_str()), (Some(0), "[1,2.5]\n"));
    let (code, stdout, _) = run(&[
        "eval",
        "files/@{pipeline().parameters.folder}/@{variables('name')}.csv",
        "--var",
        "other=1",
    ]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "unknown (needs: pipeline().parameters.folder, variables('name'))\n"
        )
    );
    let (code, stdout, stderr) = run(&[
        "eval",
        "length(pipeline().parameters.list)",
        "--param",
        "list=null",
    ]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(
        stderr.contains("The function 'length' expects its parameter to be an array or a string. The provided value is of type 'Null'.")
            && stderr.contains("in `pipeline().parameters.list` (characters 7..33"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["eval", "utcNow()", "--now", "yesterday"]);
    assert_eq!(code, Some(2), "{stderr}");
    let (code, _, stderr) = run(&["eval", "item()", "--output", "Lookup=missing.json"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
}

/// `adf eval --pipeline P --activity A`: every expression-valued property of the activity, from
/// the declared defaults and the given inputs; an activity inside an If is found by name.
#[test]
fn eval_lists_the_expression_values_of_an_activity() {
    let out = adf(
        &repo(),
        &[
            "eval",
            "--pipeline",
            "LoadDailySales",
            "--activity",
            "TellTheTeam",
            "examples/retail-lake",
            "--param",
            "day=2026-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "typeProperties.body.value: unknown (needs: pipeline().globalParameters.environment)\n"
    );
    let dir = scratch("eval-activity");
    std::fs::create_dir_all(dir.join("pipeline")).expect("folder");
    std::fs::write(
        dir.join("pipeline/P.json"),
        r#"{"name": "P", "properties": {
            "parameters": {"folder": {"type": "string", "defaultValue": "raw"}},
            "activities": [{"name": "Check", "type": "IfCondition",
                "typeProperties": {"expression": {"value": "@equals(1, 1)", "type": "Expression"},
                    "ifTrueActivities": [{"name": "Copy", "type": "Copy",
                        "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}},
                        "inputs": [{"referenceName": "D", "type": "DatasetReference",
                            "parameters": {"path": "@{pipeline().parameters.folder}/@{formatDateTime(utcNow(), 'yyyy')}",
                                           "size": "@length(pipeline().parameters.missing)"}}]}]}}]}}"#,
    )
    .expect("write pipeline");
    let out = adf(
        &dir,
        &[
            "eval",
            "--pipeline",
            "p",
            "--activity",
            "copy",
            "--now",
            "2026-05-01T00:00:00Z",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "inputs[0].parameters.path: \"raw/2026\"\n\
         inputs[0].parameters.size: unknown (needs: pipeline().parameters.missing)\n"
    );
    let out = adf(
        &dir,
        &[
            "eval",
            "--pipeline",
            "P",
            "--activity",
            "Copy",
            "--param",
            "missing=null",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(
            "inputs[0].parameters.size: error: The function 'length' expects its parameter to be \
             an array or a string. The provided value is of type 'Null'. (in \
             `pipeline().parameters.missing`)"
        ),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = adf(&dir, &["eval", "--pipeline", "P", "--activity", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
}
