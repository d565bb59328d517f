//! Throughput of parse + single-file rules over every corpus file, next to plain jsonc-parser
//! parsing of the same files in the same run. Prints a markdown table for docs/benchmarks.md.
//!
//! Run: `cargo bench -p adf-core --bench parse_and_check` (needs ../shared beside the repo).

use adf_core::{check_files, CheckOptions, SourceFile};
#[path = "../tests/support/json_tree.rs"]
mod json_tree;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let files = json_tree::json_texts(&corpus);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let jsonc_options = adf_syntax::jsonc_options();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let options = CheckOptions::default();
    // Warm the catalog and caches once so that every measured round does the same work.
    black_box(check_files(&sources, &options));

    let no_expr = CheckOptions {
        expressions: false,
        ..CheckOptions::default()
    };
    let rounds = 30;
    let (mut plain, mut parse, mut check) = (Vec::new(), Vec::new(), Vec::new());
    let mut check_no_expr = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for (_, text) in &files {
            black_box(jsonc_parser::parse_to_ast(text, &Default::default(), &jsonc_options).ok());
        }
        plain.push(t.elapsed());
        let t = Instant::now();
        for (_, text) in &files {
            black_box(adf_syntax::parse(text, &options.parse));
        }
        parse.push(t.elapsed());

        let t = Instant::now();
        black_box(check_files(&sources, &options));
        check.push(t.elapsed());

        let t = Instant::now();
        black_box(check_files(&sources, &no_expr));
        check_no_expr.push(t.elapsed());
    }
    let mb = bytes as f64 / 1_000_000.0;
    let row = |name: &str, d: Duration, base: Duration| {
        println!(
            "| {name} | {:.2} ms | {:.1} MB/s | {:.2}x |",
            d.as_secs_f64() * 1000.0,
            mb / d.as_secs_f64(),
            d.as_secs_f64() / base.as_secs_f64()
        );
    };
    let (plain, parse, check) = (median(plain), median(parse), median(check));
    let check_no_expr = median(check_no_expr);
    println!(
        "corpus: {} files, {:.2} MB; median of {rounds} rounds, one thread\n",
        files.len(),
        mb
    );
    println!("| what | time | throughput | vs jsonc-parser |\n|---|---|---|---|");
    row(
        "jsonc-parser parse_to_ast (pinned JSONC options)",
        plain,
        plain,
    );
    row(
        "adf_syntax::parse (recovering parser, depth limit)",
        parse,
        plain,
    );
    row(
        "adf_core::check_files (parse + classify + single-file rules)",
        check,
        plain,
    );
    row(
        "check without expressions (CheckOptions.expressions = false)",
        check_no_expr,
        plain,
    );
    println!(
        "\nexpressions add {:.1} % to checking",
        (check.as_secs_f64() / check_no_expr.as_secs_f64() - 1.0) * 100.0
    );
    if let Ok(dir) = std::env::var("ADF_BENCH_DIR") {
        generated(Path::new(&dir));
    }
}

/// The same comparison on a generated factory (`cargo xtask gen-factory --out DIR`), whole
/// check (cross-file rules included), named by `ADF_BENCH_DIR`.
fn generated(dir: &Path) {
    let files = json_tree::json_texts(dir);
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let with = CheckOptions::default();
    let without = CheckOptions {
        expressions: false,
        ..CheckOptions::default()
    };
    black_box(check_files(&sources, &with));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let t = Instant::now();
        black_box(check_files(&sources, &with));
        a.push(t.elapsed());
        let t = Instant::now();
        black_box(check_files(&sources, &without));
        b.push(t.elapsed());
    }
    let (a, b) = (median(a), median(b));
    println!(
        "\n{}: {} files; check {:.1} ms, without expressions {:.1} ms: expressions add {:.1} %",
        dir.display(),
        files.len(),
        a.as_secs_f64() * 1000.0,
        b.as_secs_f64() * 1000.0,
        (a.as_secs_f64() / b.as_secs_f64() - 1.0) * 100.0
    );
}
