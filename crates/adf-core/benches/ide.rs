//! Latency of the IDE queries an editor sends while typing, in process, on a generated factory:
//! `adf_core::ide::completion` at a property name of the median pipeline's first activity, and
//! `Workspace::set_file` for a one-character edit (with the number of files it re-checks).
//!
//! Run: `ADF_BENCH_DIR=DIR cargo bench -p adf-core --bench ide`, DIR a factory written by
//! `cargo xtask gen-factory --pipelines 5000 --out DIR` (default: the temp folder that
//! `cargo xtask bench-lsp` writes, `$TMPDIR/adf-bench-5000`).

use adf_core::{CheckOptions, SourceFile, Workspace};
#[path = "../tests/support/json_tree.rs"]
mod json_tree;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Samples per query.
const SAMPLES: usize = 2000;

/// Nearest-rank percentile (a real sample).
fn percentile(v: &[Duration], q: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort();
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1].as_secs_f64() * 1000.0
}

fn main() {
    let dir = std::env::var_os("ADF_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("adf-bench-5000"));
    let files = json_tree::json_texts(&dir);
    let pipeline_dir = format!("{}/pipeline/", dir.to_string_lossy());
    let mut pipelines: Vec<&(String, String)> = files
        .iter()
        .filter(|(p, _)| p.starts_with(&pipeline_dir))
        .collect();
    if pipelines.is_empty() {
        eprintln!(
            "{}: no generated factory (set ADF_BENCH_DIR to a folder written by \
             `cargo xtask gen-factory`); nothing measured",
            dir.display()
        );
        return;
    }
    pipelines.sort_by(|a, b| (a.1.len(), &a.0).cmp(&(b.1.len(), &b.0)));
    let (path, text) = pipelines[(pipelines.len() - 1) / 2];

    let t = Instant::now();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let mut ws = Workspace::with_files(CheckOptions::default(), &sources);
    println!(
        "{}: {} files, workspace built in {:.0} ms; edited document {} ({} bytes, median pipeline)",
        dir.display(),
        files.len(),
        t.elapsed().as_secs_f64() * 1000.0,
        path,
        text.len()
    );

    let acts = text
        .find("\"activities\"")
        .expect("a pipeline with activities");
    let offset = acts
        + text[acts..]
            .find("\"userProperties\"")
            .or_else(|| text[acts..].find("\"dependsOn\""))
            .expect("a property name in the first activity")
        + 1;
    let items = adf_core::ide::completion(&ws, path, offset).len();
    assert!(items > 0, "completion at byte {offset} proposes nothing");
    let mut completion = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let t = Instant::now();
        black_box(adf_core::ide::completion(&ws, path, black_box(offset)));
        completion.push(t.elapsed());
    }

    // One character in and out of a string value that no other file reads, so the edit changes
    // no fact and should re-check the edited file only.
    let at = [
        "wildcardFolderPath",
        "fileName",
        "tableName",
        "url",
        "defaultValue",
    ]
    .iter()
    .find_map(|k| {
        let needle = format!("\"{k}\": \"");
        let start = text.find(&needle)? + needle.len();
        let len = text[start..].find('"')?;
        (len >= 2).then_some(start + len / 2)
    })
    .expect("a free-text string value in the median pipeline");
    let mut edited = text.to_string();
    let mut set_file = Vec::with_capacity(SAMPLES);
    let mut rechecked = Vec::new();
    for i in 0..SAMPLES {
        if i % 2 == 0 {
            edited.insert(at, 'x');
        } else {
            edited.remove(at);
        }
        let t = Instant::now();
        let again = ws.set_file(path, &edited);
        set_file.push(t.elapsed());
        if rechecked.is_empty() {
            rechecked = again;
        }
    }

    println!(
        "\n| query | p50 | p99 | goal |\n|---|---|---|---|\n\
         | completion ({items} items, {SAMPLES} samples) | {:.3} ms | {:.3} ms | p50 ≤ 0.5 ms |\n\
         | set_file, one character ({SAMPLES} samples) | {:.3} ms | {:.3} ms | - |",
        percentile(&completion, 0.5),
        percentile(&completion, 0.99),
        percentile(&set_file, 0.5),
        percentile(&set_file, 0.99),
    );
    println!(
        "\nfiles re-checked by the edit: {} ({:?})",
        rechecked.len(),
        rechecked
    );
    // Exit without freeing: under heaptrack the still-allocated memory then is the workspace's
    // (and the texts read here), attributed to where it was allocated.
    std::mem::forget(ws);
    std::mem::forget(files);
}
