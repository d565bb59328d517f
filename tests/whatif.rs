//! `adf what-if` end to end: the ML retraining example (v1) and generated pipelines with
//! ForEach, If, Until, Switch and Execute Pipeline, their output pinned in
//! `tests/fixtures/whatif/expected` (UPDATE_SNAPSHOTS=1 rewrites them); inputs from a file and
//! the exit codes.

use adf_e2e::{adf, repo, scratch};
use std::path::Path;

/// Runs `adf what-if` in `dir` and compares standard output with the snapshot `name`; returns
/// the exit code.
fn assert_what_if(dir: &Path, args: &[&str], name: &str) -> Option<i32> {
    let mut all = vec!["what-if"];
    all.extend_from_slice(args);
    let out = adf(dir, &all);
    let actual = String::from_utf8_lossy(&out.stdout).to_string();
    let snap = repo().join("tests/fixtures/whatif/expected").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &actual).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    assert_eq!(
        actual,
        expected,
        "`adf {}` differs from {} (stderr: {})",
        all.join(" "),
        snap.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code()
}

/// The generated factory's folder.
fn generated() -> std::path::PathBuf {
    repo().join("tests/fixtures/whatif/factory")
}

/// Fixed clock and seed: the output does not change from run to run.
const FIXED: [&str; 4] = ["--now", "2026-01-01T00:00:00Z", "--seed", "1"];

#[test]
fn what_if_on_the_ml_retraining_example() {
    let code = assert_what_if(
        &repo(),
        &["WeeklyRetraining", "examples/ml-retraining"],
        "ml-retraining.snap",
    );
    assert_eq!(code, Some(0));
    let code = assert_what_if(
        &repo(),
        &[
            "WeeklyRetraining",
            "examples/ml-retraining",
            "--fail",
            "RetrainModel",
        ],
        "ml-retraining-fail.snap",
    );
    assert_eq!(code, Some(1), "a pipeline that would fail exits 1");
}

#[test]
fn what_if_on_a_generated_pipeline_with_for_each_and_if() {
    let mut args = vec!["PL_HR_0006", ".", "--param", "fullLoad=true"];
    args.extend_from_slice(&FIXED);
    assert_eq!(
        assert_what_if(&generated(), &args, "generated-foreach-if.snap"),
        Some(0)
    );
    args.extend_from_slice(&["--format", "json"]);
    assert_eq!(
        assert_what_if(&generated(), &args, "generated-foreach-if.json.snap"),
        Some(0)
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            repo().join("tests/fixtures/whatif/expected/generated-foreach-if.json.snap"),
        )
        .expect("snapshot"),
    )
    .expect("the JSON output parses");
    assert_eq!(json["generation"], "v2");
    assert_eq!(json["outcome"], "Succeeded");
}

#[test]
fn what_if_on_generated_pipelines_with_until_and_switch() {
    let mut args = vec!["PL_Finance_0002"];
    args.extend_from_slice(&FIXED);
    assert_what_if(&generated(), &args, "generated-until.snap");
    let mut args = vec!["pl_customers_0003", "--fail", "LookupBudgets7"];
    args.extend_from_slice(&FIXED);
    assert_what_if(&generated(), &args, "generated-switch-fail.snap");
}

#[test]
fn what_if_reads_outputs_from_a_file_and_reports_bad_usage() {
    let dir = scratch("what-if");
    std::fs::write(
        dir.join("outputs.json"),
        r#"{"LookupBudgets1": {"count": 3, "value": [{"TableName": "Orders"}, {"TableName": ""},
            {"TableName": "Invoices"}]}}"#,
    )
    .expect("write outputs");
    let factory = generated();
    let factory = factory.to_string_lossy();
    let mut args = vec![
        "what-if",
        "PL_Customers_0003",
        &factory,
        "--outputs",
        "outputs.json",
        "--format",
        "json",
    ];
    args.extend_from_slice(&FIXED);
    let out = adf(&dir, &args);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the JSON output parses");
    let each = &json["steps"][2];
    assert_eq!(each["activity"], "ForEach3");
    // The Filter keeps the two rows with a table name, and the ForEach iterates over them.
    assert_eq!(each["notes"][0], "2 items");
    assert_eq!(each["blocks"][1]["item"]["value"]["TableName"], "Invoices");
    let run = |args: &[&str]| adf(&dir, args).status.code();
    assert_eq!(run(&["what-if", "Nope", &factory]), Some(2));
    assert_eq!(
        run(&[
            "what-if",
            "PL_HR_0006",
            &factory,
            "--outputs",
            "missing.json"
        ]),
        Some(2)
    );
    assert_eq!(
        run(&["what-if", "PL_HR_0006", &factory, "--now", "yesterday"]),
        Some(2)
    );
}
