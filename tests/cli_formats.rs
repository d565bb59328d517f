//! `adf check` output for CI: SARIF valid against the 2.1.0 schema with what code scanning
//! needs, JSON valid against its published schema, GitHub and Azure DevOps commands, secrets
//! masked everywhere, exit code 2 whenever a run could not do its job; `adf explain`, `adf graph`.

use adf_e2e::{adf, copy_tree, repo, scratch, shared};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = adf(dir, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn validate(schema: &Value, instance: &Value) {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn sarif_of_the_planted_example_is_valid_sarif_2_1_0_for_code_scanning() {
    let (code, stdout, _) = run(&fixture("ci-planted"), &["check", "--format", "sarif", "."]);
    assert_eq!(code, 1);
    let sarif = parse(&stdout);
    let schema_text = std::fs::read_to_string(shared().join("sarif/sarif-schema-2.1.0.json"))
        .expect("read the SARIF schema");
    validate(&parse(&schema_text), &sarif);

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), adf_core::RULES.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2, "{results:?}");
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        let rule = &rules[index];
        assert_eq!(r["ruleId"], rule["id"]);
        let help = rule["helpUri"].as_str().expect("helpUri");
        let name = rule["name"].as_str().expect("name");
        assert!(help.ends_with(&format!("/docs/rules/{name}.md")), "{help}");
        assert!(repo().join(format!("docs/rules/{name}.md")).is_file());
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["defaultConfiguration"]["level"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][key].as_u64().is_some_and(|n| n >= 1), "{key}");
        }
        assert!(
            loc["region"].get("snippet").is_none(),
            "no snippets: they could hold secrets"
        );
        assert!(r["partialFingerprints"]["adfFindingHash/v1"].is_string());
    }
    let invalid = results
        .iter()
        .find(|r| r["ruleId"] == "ADF0104")
        .expect("the planted timeout");
    assert_eq!(
        invalid["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "WeeklyRetraining.json"
    );
    assert_eq!(
        invalid["locations"][0]["physicalLocation"]["region"]["startLine"],
        31
    );
}

#[test]
fn sarif_fingerprints_survive_line_moves() {
    let dir = scratch("sarif-moves");
    copy_tree(&fixture("ci-planted"), &dir);
    let prints = |dir: &Path| -> Vec<(String, u64)> {
        let (_, stdout, _) = run(dir, &["check", "--format", "sarif", "."]);
        let sarif = parse(&stdout);
        let mut out: Vec<(String, u64)> = sarif["runs"][0]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r["partialFingerprints"]["adfFindingHash/v1"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap_or(0),
                )
            })
            .collect();
        out.sort();
        out
    };
    let before = prints(&dir);
    let file = dir.join("WeeklyRetraining.json");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("\n\n\n{text}")).expect("write");
    let after = prints(&dir);
    let ids = |v: &[(String, u64)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    assert_ne!(before, after, "the lines did move");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn json_output_is_valid_against_the_published_schema() {
    let schema = parse(
        &std::fs::read_to_string(repo().join("docs/adf-check.schema.json"))
            .expect("docs/adf-check.schema.json"),
    );
    for dir in [
        fixture("ci-planted"),
        fixture("ci-secret"),
        repo().join("examples/ml-retraining"),
    ] {
        let (_, stdout, _) = run(&dir, &["check", "--format", "json", "."]);
        validate(&schema, &parse(&stdout));
    }
}

#[test]
fn the_published_json_schema_is_fresh() {
    let (code, generated, _) = run(&repo(), &["schema"]);
    assert_eq!(code, 0);
    let path = repo().join("docs/adf-check.schema.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated).expect("write the schema");
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        published, generated,
        "docs/adf-check.schema.json is stale: run `adf schema > docs/adf-check.schema.json`"
    );
}

#[test]
fn github_annotations() {
    let (code, stdout, _) = run(
        &fixture("ci-planted"),
        &["check", "--format", "github", "."],
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=TrainedModel.json,line=6,col=30,endLine=6,endColumn=42,title=ADF0201 unresolved-reference::no linked service named `BlobStorge` in this factory; did you mean `BlobStorage`?",
            r#"::warning file=WeeklyRetraining.json,line=31,col=32,endLine=31,endColumn=36,title=ADF0104 invalid-value::`timeout` must be a timespan such as "02:00:00" or "1.00:00:00" ([d.]hh:mm:ss), found "2h""#,
            "checked 7 files: 1 error, 1 warning",
        ]
    );
}

#[test]
fn azure_devops_logging_commands() {
    let (code, stdout, _) = run(
        &fixture("ci-planted"),
        &["check", "--format", "azure-devops", "."],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains(
        "##vso[task.logissue type=error;sourcepath=TrainedModel.json;linenumber=6;columnnumber=30;code=ADF0201]unresolved-reference: no linked service named `BlobStorge`"
    ), "{stdout}");
    assert!(stdout.contains(
        "##vso[task.logissue type=warning;sourcepath=WeeklyRetraining.json;linenumber=31;columnnumber=32;code=ADF0104]invalid-value:"
    ), "{stdout}");
}

#[test]
fn a_secret_never_appears_in_any_format() {
    let dir = fixture("ci-secret");
    let secret = "Zq8vKx2mP4tR7wY1cB5nL9sD3fG6hJ0kQeUiOa==";
    let text = std::fs::read_to_string(dir.join("linkedService/Sales.json")).expect("read");
    assert!(text.contains(secret), "the fixture holds the secret");
    for format in ["text", "json", "sarif", "github", "azure-devops"] {
        let (_, stdout, stderr) = run(&dir, &["check", "--format", format, "."]);
        assert!(
            stdout.contains("plaintext-secret") || stdout.contains("ADF0120"),
            "{format}: {stdout}"
        );
        // Any 8 characters of the key would already give too much away.
        for window in secret.as_bytes().windows(8) {
            let part = std::str::from_utf8(window).unwrap_or("");
            assert!(
                !stdout.contains(part) && !stderr.contains(part),
                "{format} shows `{part}`"
            );
        }
    }
}

/// Secrets outside the catalog's secret properties, found by their shape: each is reported
/// once and no format shows any of it.
#[test]
fn secrets_found_by_shape_never_appear_in_any_format() {
    let dir = fixture("secret-shapes");
    let secrets = [
        "Wq3rT8yU2iO5pA7s",         // a SecureString pipeline parameter's default
        "7Hk2Lm9Np4Qr6St1Uv3Wx8Yz", // Authorization: Bearer
        "Gf5Hj2Kl8Mn4Bv7Cx1Zq",     // x-api-key header
        "Pq9~Rs.2Tu4Vw6Xy8Za",      // client_secret= in a Web activity's body
        "Jd8Fk3Lg7Hm2Nc5Bv9Xq",     // code= in a function URL
        "Mv6Nb3Vc8Xz1Lk4J",         // concat('Password=', '...') in a SetVariable
        "Yt7Ur4Ie1Ow9Pq2Zs6",       // a SecureString linked-service parameter's default
        "Ha3Sd6Fg9Jk2Lz5Xc8Vb",     // REST authHeaders
        "Qe4Rt7Yu1Io3Pa6Sd",        // Password= in ARMTemplateParametersForFactory.json
    ];
    let (_, json, _) = run(&dir, &["check", "--format", "json", "."]);
    let report: Value = serde_json::from_str(&json).expect("json");
    let found = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "plaintext-secret")
        .count();
    assert_eq!(found, secrets.len(), "{json}");
    for format in ["text", "json", "sarif", "github", "azure-devops"] {
        let (_, stdout, stderr) = run(&dir, &["check", "--format", format, "."]);
        for secret in secrets {
            for window in secret.as_bytes().windows(8) {
                let part = std::str::from_utf8(window).unwrap_or("");
                assert!(
                    !stdout.contains(part) && !stderr.contains(part),
                    "{format} shows `{part}` of {secret}"
                );
            }
        }
    }
}

#[test]
fn runs_that_could_not_do_their_job_exit_2() {
    let (code, _, stderr) = run(&fixture("ci-empty"), &["check", "."]);
    assert_eq!(code, 2, "a folder without a factory");
    assert!(stderr.contains("no Data Factory files found"), "{stderr}");
    let (code, _, stderr) = run(&repo(), &["check", "no/such/folder"]);
    assert_eq!(code, 2, "a path that does not exist: {stderr}");
    let (code, _, _) = run(&repo(), &["check", "--format", "yaml"]);
    assert_eq!(code, 2, "bad usage");
    let (code, _, stderr) = run(
        &fixture("ci-planted"),
        &["check", "--config", "missing.toml", "."],
    );
    assert_eq!(code, 2, "a configuration that does not exist");
    assert!(stderr.contains("missing.toml does not exist"), "{stderr}");
    let dir = scratch("broken-config");
    copy_tree(&fixture("ci-planted"), &dir);
    std::fs::write(dir.join("adf.toml"), "[rules]\nunused-entity = \n").expect("write");
    let (code, _, stderr) = run(&dir, &["check", "."]);
    assert_eq!(code, 2, "an unreadable configuration");
    assert!(stderr.contains("adf.toml:2:"), "{stderr}");
    // The mistake is a finding of adf.toml in every format, and nothing else was checked.
    for format in ["text", "json", "sarif", "github", "azure-devops"] {
        let (code, stdout, _) = run(&dir, &["check", "--format", format, "."]);
        assert_eq!(code, 2, "{format}");
        assert!(stdout.contains("invalid-config"), "{format}: {stdout}");
        assert!(stdout.contains("adf.toml"), "{format}: {stdout}");
        // (SARIF lists every rule; the others name only the findings' rules.)
        if format != "sarif" {
            let planted = ["ADF0104", "ADF0201"];
            assert!(
                planted.iter().all(|c| !stdout.contains(c)),
                "no file was checked: {format}: {stdout}"
            );
        }
    }
    std::fs::remove_file(dir.join("adf.toml")).expect("remove");
    std::fs::write(dir.join("baseline.json"), "not a baseline").expect("write");
    let (code, _, stderr) = run(&dir, &["check", "--baseline", "baseline.json", "."]);
    assert_eq!(code, 2, "an unreadable baseline");
    assert!(stderr.contains("is not a baseline file"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn explain_prints_the_rule_page() {
    let (code, stdout, _) = run(&repo(), &["explain", "unknown-property"]);
    assert_eq!(code, 0);
    let page =
        std::fs::read_to_string(repo().join("docs/rules/unknown-property.md")).expect("page");
    assert_eq!(stdout, page);
    let (code, _, stderr) = run(&repo(), &["explain", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no rule `no-such-rule`"), "{stderr}");
}

#[test]
fn graph_from_trigger_to_linked_service() {
    let dir = repo().join("tests/fixtures/planted-v2");
    let (code, dot, _) = run(&dir, &["graph", "--root", "Daily"]);
    assert_eq!(code, 0, "{dot}");
    assert!(dot.starts_with("digraph adf {"), "{dot}");
    assert!(dot.contains("Trigger: Daily"), "{dot}");
    assert!(dot.contains("Pipeline: CopySales"), "{dot}");
    assert!(dot.contains("Activity: "), "{dot}");
    assert!(dot.contains("Dataset: "), "{dot}");
    assert!(dot.contains("LinkedService: "), "{dot}");
    assert!(!dot.contains("Trigger: Hourly"), "rooted at Daily: {dot}");
    let (code, mermaid, _) = run(
        &repo().join("examples/ml-retraining"),
        &["graph", "--format", "mermaid"],
    );
    assert_eq!(code, 0);
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert!(
        mermaid.contains("Pipeline: WeeklyRetraining") && mermaid.contains(" --> "),
        "{mermaid}"
    );
    let (code, _, _) = run(&dir, &["graph", "--root", "Nobody"]);
    assert_eq!(code, 2);
}

/// What a hostile pull request can name: a v2 factory whose file and entity names, and a
/// reference, carry Azure Pipelines and GitHub commands (one after a newline).
fn factory_with_commands_in_names(scratch_name: &str) -> std::path::PathBuf {
    let dir = scratch(scratch_name);
    let name = "x##vso[task.setvariable variable=a]b";
    let write = |rel: &str, text: String| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    };
    // Unused (a hint) and in the wrong folder (a hint), its linked service missing (an error).
    write(
        &format!("pipeline/{name}.json"),
        format!(
            r#"{{"name": "{name}", "properties": {{"type": "DelimitedText", "linkedServiceName": {{"referenceName": "y##vso[task.complete result=Succeeded]z", "type": "LinkedServiceReference"}}}}}}"#
        ),
    );
    // A name holding a newline: the rest of the message must not start a line of its own.
    write(
        "dataset/Lines.json",
        r#"{"name": "Lines\n##vso[task.setvariable variable=c]d\n::error file=x::pwned\n##[error]e", "properties": {"type": "DelimitedText", "linkedServiceName": {"referenceName": "Missing\n##vso[task.prependpath]/tmp", "type": "LinkedServiceReference"}}}"#
            .to_string(),
    );
    dir
}

#[test]
fn names_from_the_files_never_become_azure_pipelines_commands() {
    let dir = factory_with_commands_in_names("vso-in-names");
    let (code, stdout, stderr) = run(&dir, &["check", "--format", "azure-devops", "."]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let mut issues = 0;
    for line in stdout.lines().chain(stderr.lines()) {
        // The agent runs the first `##vso[` anywhere in a line; only ours may be there.
        if line.starts_with("##vso[task.logissue type=") {
            issues += 1;
            assert_eq!(line.matches("##vso[").count(), 1, "{line}");
        } else {
            assert!(!line.contains("##vso["), "a command: {line}");
        }
        assert!(!line.contains("##["), "a formatting command: {line}");
        // A property value ends at `;` or `]`: the path and code hold neither raw.
        if let Some(props) = line.strip_prefix("##vso[task.logissue ") {
            let props = props.split(']').next().unwrap_or("");
            let sourcepath = props.split(';').find_map(|p| p.strip_prefix("sourcepath="));
            assert!(
                sourcepath
                    .is_none_or(|p| p.starts_with("pipeline/x") || p.starts_with("dataset/Lines")),
                "{line}"
            );
        }
    }
    assert!(issues >= 2, "{stdout}");
    // The text format is what a pipeline step prints when no format is chosen.
    let (_, text, text_stderr) = run(&dir, &["check", "."]);
    for line in text.lines().chain(text_stderr.lines()) {
        assert!(!line.contains("##vso[") && !line.contains("##["), "{line}");
    }
    // Info and hint findings are lines too, escaped like the rest (no plain path with `[`).
    assert!(
        stdout.contains("unused-entity") && stdout.contains("misplaced-file"),
        "{stdout}"
    );
    // Every other output a step may print: JSON stays the same data once parsed.
    for args in [
        &["check", "--format", "json", "."][..],
        &["check", "--format", "sarif", "."],
        &["graph", "--format", "dot", "."],
        &["graph", "--format", "mermaid", "."],
        &["graph", "--format", "json", "."],
    ] {
        let (_, out, err) = run(&dir, args);
        for line in out.lines().chain(err.lines()) {
            assert!(
                !line.contains("##vso[") && !line.contains("##["),
                "{args:?}: {line}"
            );
        }
        if args.contains(&"json") {
            let parsed: Value = serde_json::from_str(&out).expect("JSON");
            assert!(
                parsed.to_string().contains("##vso["),
                "{args:?}: the names are kept"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn names_from_the_files_never_become_github_commands() {
    let dir = factory_with_commands_in_names("gh-in-names");
    let (code, stdout, stderr) = run(&dir, &["check", "--format", "github", "."]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let findings = stdout.lines().filter(|l| l.starts_with("::")).count();
    let (json_code, json, _) = run(&dir, &["check", "--format", "json", "."]);
    assert_eq!(json_code, 1);
    let expected = parse(&json)["diagnostics"].as_array().map_or(0, Vec::len);
    assert_eq!(
        findings, expected,
        "one command per finding, no more: {stdout}"
    );
    for line in stdout.lines() {
        assert!(!line.trim_start().starts_with("::error file=x"), "{line}");
        assert!(!line.trim_start().starts_with("##"), "{line}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unquoted_secret_is_in_no_format_and_not_in_the_baseline() {
    let dir = scratch("unquoted-secret");
    let secret = "Abc7Qz9Kx2Vw8Jm4Rt";
    std::fs::create_dir_all(dir.join("linkedService")).expect("mkdir");
    std::fs::write(
        dir.join("linkedService/Sql.json"),
        format!(
            "{{\n    \"name\": \"Sql\",\n    \"properties\": {{\n        \"type\": \"AzureSqlDatabase\",\n        \"typeProperties\": {{\n            \"password\": {secret}\n        }}\n    }}\n}}\n"
        ),
    )
    .expect("write");
    for format in ["text", "json", "sarif", "github", "azure-devops"] {
        let (code, stdout, stderr) = run(&dir, &["check", "--format", format, "."]);
        assert_eq!(code, 1, "{format}: {stdout}{stderr}");
        assert!(stdout.contains("invalid JSON"), "{format}: {stdout}");
        // Three characters at most: `Abc`.
        for window in secret.as_bytes().windows(4) {
            let part = std::str::from_utf8(window).unwrap_or("");
            assert!(
                !stdout.contains(part) && !stderr.contains(part),
                "{format} shows `{part}`: {stdout}"
            );
        }
    }
    let (code, _, stderr) = run(
        &dir,
        &["check", "--write-baseline", "adf-baseline.json", "."],
    );
    assert_eq!(code, 0, "{stderr}");
    let baseline = std::fs::read_to_string(dir.join("adf-baseline.json")).expect("baseline");
    assert!(baseline.contains("invalid-json"), "{baseline}");
    assert!(!baseline.contains("7Qz9"), "{baseline}");
    let _ = std::fs::remove_dir_all(dir);
}
