//! Developer commands: `cargo xtask catalog` regenerates the catalog, `cargo xtask docs` the rule pages.

mod catalog;
mod docs;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("catalog") => catalog::run(&args[1..]),
        Some("docs") => docs::run(&args[1..]),
        _ => Err("usage: cargo xtask <catalog|docs> [--check]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
