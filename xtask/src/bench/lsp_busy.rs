//! `cargo xtask bench-lsp-busy [--adf PATH] [--activities 2000] [--samples 30]`: how long a
//! hover on one file waits while the server checks an edit of a big pipeline. The factory is
//! tests/fixtures/lsp-v2 plus `pipeline/Busy.json`, a chain of N activities each reading its
//! predecessor's output (the shape that makes `activity-not-upstream` work hardest). Each sample
//! types one character into the big pipeline, then at once asks for a hover on
//! `pipeline/LoadSales.json`, and times the hover from writing it to reading its answer; then it
//! waits for the big file's findings of that version (also timed, from the keystroke). See
//! docs/benchmarks.md, "Language server: a request while a big file is checked".

use std::path::PathBuf;
use std::time::{Duration, Instant};

use adf_e2e::lsp_client::{pos, td, uri, Client};
use serde_json::json;

use super::build_adf;
use super::lsp::percentile;

const USAGE: &str =
    "usage: cargo xtask bench-lsp-busy [--adf PATH] [--activities 2000] [--samples 30]";

/// A chain of `n` activities, each after and reading the previous one.
fn chain(n: usize) -> String {
    let mut activities = vec![
        r#"{"name": "A0", "type": "Wait", "description": "seed", "typeProperties": {"waitTimeInSeconds": 1}}"#
            .to_string(),
    ];
    for i in 1..n {
        activities.push(format!(
            r#"{{"name": "A{i}", "type": "SetVariable", "dependsOn": [{{"activity": "A{p}", "dependencyConditions": ["Succeeded"]}}], "typeProperties": {{"variableName": "v", "value": "@string(activity('A{p}').output)"}}}}"#,
            p = i - 1
        ));
    }
    format!(
        "{{\"name\": \"Busy\", \"properties\": {{\"activities\": [\n{}\n], \"variables\": {{\"v\": {{\"type\": \"String\"}}}}}}}}\n",
        activities.join(",\n")
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the benchmark and prints its numbers.
pub fn run(args: &[String]) -> Result<(), String> {
    let (mut adf, mut activities, mut samples) = (None, 2000, 30);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it
            .next()
            .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))?;
        match a.as_str() {
            "--adf" => adf = Some(PathBuf::from(v)),
            "--activities" => activities = super::positive(a, v)?,
            "--samples" => samples = super::positive(a, v)?,
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    let adf = match adf {
        Some(p) => p,
        None => build_adf()?,
    };
    let dir = std::env::temp_dir().join(format!("adf-bench-busy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    adf_e2e::copy_tree(&adf_e2e::repo().join("tests/fixtures/lsp-v2"), &dir);
    let dir = std::fs::canonicalize(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let busy_path = dir.join("pipeline/Busy.json");
    let mut busy = chain(activities);
    std::fs::write(&busy_path, &busy).map_err(|e| format!("{}: {e}", busy_path.display()))?;
    let other_path = dir.join("pipeline/LoadSales.json");
    let other = std::fs::read_to_string(&other_path).map_err(|e| e.to_string())?;
    let (busy_uri, other_uri) = (uri(&busy_path), uri(&other_path));
    let hover_at = pos(
        &other,
        other
            .find("\"SalesCsv\"")
            .ok_or("no SalesCsv in LoadSales")?
            + 2,
    );

    let mut c = Client::start(&adf);
    c.initialize(&dir, json!({"window": {"workDoneProgress": true}}));
    c.indexed();
    c.open(&busy_uri, &busy);
    c.diagnostics(&busy_uri, |p| p["version"] == 1);
    let spot = busy.find("seed").ok_or("no seed")? + "seed".len();
    let (mut hovers, mut checks) = (Vec::new(), Vec::new());
    for i in 0..samples {
        let version = i32::try_from(i + 2).map_err(|e| e.to_string())?;
        let insert = i % 2 == 0;
        let (start, end, text) = if insert {
            (pos(&busy, spot), pos(&busy, spot), "x")
        } else {
            (pos(&busy, spot), pos(&busy, spot + 1), "")
        };
        let typed = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": busy_uri, "version": version},
                   "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]}),
        );
        let asked = Instant::now();
        let r = c.request("textDocument/hover", td(&other_uri, hover_at.clone()));
        hovers.push(asked.elapsed());
        if r.get("error").is_some() {
            return Err(format!("hover failed: {r}"));
        }
        c.diagnostics(&busy_uri, |p| p["version"] == version);
        checks.push(typed.elapsed());
        if insert {
            busy.insert(spot, 'x');
        } else {
            busy.remove(spot);
        }
    }
    c.stop();
    let _ = std::fs::remove_dir_all(&dir);
    println!("adf: {}", adf.display());
    println!("busy pipeline: {activities} activities in a chain; {samples} keystrokes");
    for (what, v) in [
        ("hover on another file, from request to answer", &hovers),
        ("keystroke to the big file's findings", &checks),
    ] {
        println!(
            "{what}: p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms",
            ms(percentile(v, 0.5)),
            ms(percentile(v, 0.9)),
            ms(percentile(v, 1.0))
        );
    }
    Ok(())
}
