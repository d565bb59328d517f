//! Developer commands: `cargo xtask catalog` regenerates the catalog, `cargo xtask docs` the rule pages,
//! `cargo xtask deny` checks dependencies against deny.toml,
//! `cargo xtask gen-factory` writes a synthetic factory for benchmarks, `cargo xtask bench` times
//! `adf check` on generated factories, `cargo xtask bench-lsp` times `adf lsp`.

mod bench;
mod catalog;
mod deny;
mod docs;
mod genfactory;
#[cfg(test)]
mod scale_tests;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("catalog") => catalog::run(&args[1..]),
        Some("catalog-audit") => catalog::audit::run(&args[1..]),
        Some("docs") => docs::run(&args[1..]),
        Some("deny") => deny::run(&args[1..]),
        Some("gen-factory") => genfactory::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("bench-lsp") => bench::lsp::run(&args[1..]),
        Some("bench-eval") => bench::eval::run(&args[1..]),
        Some("bench-lsp-busy") => bench::lsp_busy::run(&args[1..]),
        _ => Err("usage: cargo xtask <catalog|docs> [--check] | cargo xtask deny | cargo xtask catalog-audit | cargo xtask gen-factory --pipelines N --out DIR [--seed S] [--plant K] | cargo xtask bench [--pipelines 1000,5000] [--runs 5] | cargo xtask bench-eval [--pipelines 1000] [--runs 5] | cargo xtask bench-lsp [--adf PATH] [--samples 1000] | cargo xtask bench-lsp-busy [--adf PATH] [--activities 2000]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
