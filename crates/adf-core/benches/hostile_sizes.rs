//! Hostile sizes (issue 14, item 12): generates the inputs that were quadratic or cubic, writes
//! them as factories for timing the CLI with hyperfine, and times the core on each in process.
//! Prints a markdown table for docs/benchmarks.md.
//!
//! Run: `cargo bench -p adf-core --bench hostile_sizes` (writes below `$ADF_HOSTILE_DIR`,
//! default `$TMPDIR/adf-hostile`; checks with a 64 MiB file size limit, as
//! `adf check --max-file-size 64M`).

use adf_core::{check_files, CheckOptions, SourceFile};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A pipeline of `n` activities in a chain, each waiting on the one before; `reads(i)` names
/// the activity whose output activity `i` reads (a Set Variable), or none (a Wait).
fn chain(n: usize, reads: impl Fn(usize) -> Option<usize>) -> String {
    let mut out = String::from(
        "{\"name\": \"Chain\", \"properties\": {\"variables\": {\"v\": {\"type\": \"String\"}}, \"activities\": [\n",
    );
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        let body = match reads(i) {
            Some(j) => format!(
                "\"type\": \"SetVariable\", \"typeProperties\": {{\"variableName\": \"v\", \"value\": \"@string(activity('A{j}').output)\"}}"
            ),
            None => "\"type\": \"Wait\", \"typeProperties\": {\"waitTimeInSeconds\": 1}".to_string(),
        };
        let _ = write!(out, "{{\"name\": \"A{i}\", {body}");
        if i > 0 {
            let _ = write!(
                out,
                ", \"dependsOn\": [{{\"activity\": \"A{}\", \"dependencyConditions\": [\"Succeeded\"]}}]",
                i - 1
            );
        }
        out.push('}');
    }
    out.push_str("\n]}}\n");
    out
}

/// A Binary dataset on one line with `n` properties the schema does not know: `n` findings on
/// one line, as a minified file gives them.
fn one_line(n: usize) -> String {
    let mut tp = String::new();
    for i in 0..n {
        let _ = write!(tp, "\"x{i}\":1,");
    }
    format!(
        "{{\"name\":\"D\",\"properties\":{{\"type\":\"Binary\",\"linkedServiceName\":{{\"referenceName\":\"L\",\"type\":\"LinkedServiceReference\"}},\"typeProperties\":{{{tp}\"location\":{{\"type\":\"AzureBlobStorageLocation\",\"container\":\"c\"}}}}}}}}"
    )
}

const STORE: &str = r#"{"name": "L", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://o.blob.core.windows.net"}}}"#;

/// A factory of `n` pipelines, each running the next and reading its own dataset.
fn factory(n: usize) -> Vec<(String, String)> {
    let mut files = vec![("linkedService/L.json".to_string(), STORE.to_string())];
    for i in 0..n {
        let next = if i + 1 < n {
            format!(
                r#", {{"name": "Next", "type": "ExecutePipeline", "dependsOn": [{{"activity": "Read", "dependencyConditions": ["Succeeded"]}}], "typeProperties": {{"pipeline": {{"referenceName": "P{}", "type": "PipelineReference"}}}}}}"#,
                i + 1
            )
        } else {
            String::new()
        };
        files.push((
            format!("pipeline/P{i}.json"),
            format!(
                r#"{{"name": "P{i}", "properties": {{"activities": [{{"name": "Read", "type": "GetMetadata", "typeProperties": {{"fieldList": ["size"], "dataset": {{"referenceName": "D{i}", "type": "DatasetReference"}}}}}}{next}]}}}}"#
            ),
        ));
        files.push((
            format!("dataset/D{i}.json"),
            format!(
                r#"{{"name": "D{i}", "properties": {{"type": "Binary", "linkedServiceName": {{"referenceName": "L", "type": "LinkedServiceReference"}}, "typeProperties": {{"location": {{"type": "AzureBlobStorageLocation", "container": "c"}}}}}}}}"#
            ),
        ));
    }
    files
}

fn write(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the folder");
        }
        std::fs::write(&path, text).expect("write the file");
    }
}

/// Paths and texts of one generated input.
type Files = Vec<(String, String)>;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let root = std::env::var_os("ADF_HOSTILE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("adf-hostile"));
    let cases: Vec<(&str, &str, Files)> = vec![
        (
            "chain-2000",
            "2 000 activities in a chain, each reading the one before",
            vec![(
                "pipeline/Chain.json".into(),
                chain(2_000, |i| i.checked_sub(1)),
            )],
        ),
        (
            "chain-4000",
            "4 000 activities in a chain, each reading the one before",
            vec![(
                "pipeline/Chain.json".into(),
                chain(4_000, |i| i.checked_sub(1)),
            )],
        ),
        (
            "chain-first-4000",
            "4 000 activities in a chain, each reading the first",
            vec![(
                "pipeline/Chain.json".into(),
                chain(4_000, |i| (i > 0).then_some(0)),
            )],
        ),
        (
            "deps-200000",
            "200 000 activities in a chain (dependsOn only)",
            vec![("pipeline/Chain.json".into(), chain(200_000, |_| None))],
        ),
        (
            "one-line-100000",
            "100 000 findings on one line",
            vec![
                ("dataset/D.json".into(), one_line(100_000)),
                ("linkedService/L.json".into(), STORE.into()),
            ],
        ),
        (
            "factory-5000",
            "5 000 pipelines, each running the next",
            factory(5_000),
        ),
    ];
    println!("| input | files | MB | findings | core check (median of 5) |");
    println!("|---|---|---|---|---|");
    for (name, what, files) in &cases {
        let dir = root.join(name);
        write(&dir, files);
        let sources: Vec<SourceFile<'_>> = files
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        // 200 000 activities are past the default file size limit (16 MiB), as for
        // `adf check --max-file-size 64M`.
        let mut options = CheckOptions::default();
        options.parse.max_size = 64 * 1024 * 1024;
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let reports = black_box(check_files(&sources, &options));
            times.push(t.elapsed());
            findings = reports.iter().map(|r| r.diagnostics.len()).sum();
        }
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        println!(
            "| {name}: {what} | {} | {:.1} | {findings} | {:.0} ms |",
            files.len(),
            bytes as f64 / 1e6,
            median(times).as_secs_f64() * 1e3
        );
    }
    println!("\nwritten below {}", root.display());
}
