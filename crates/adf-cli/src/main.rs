//! `adf`: check Azure Data Factory JSON from the command line.

mod check;
mod files;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// JSON intelligence for Azure Data Factory.
#[derive(Debug, Parser)]
#[command(name = "adf", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the factories found below each PATH (default: the current folder).
    Check(CheckArgs),
    /// List every rule with its code, default severity and summary.
    Rules,
}

/// Output formats of `adf check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable findings with source snippets.
    Text,
    /// One JSON object: diagnostics and a summary (see docs/cli.md).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(default_value = ".")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Make warnings fail the run too.
    #[arg(long)]
    deny_warnings: bool,
    /// Files larger than this are reported (file-too-large) and not analysed; bytes, or with a
    /// K or M suffix (binary units).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    max_file_size: usize,
}

/// Parses "16M", "512K" or "1000" into bytes.
fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 16M, 512K or 1000"))?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        _ => return Err(format!("`{s}`: unknown unit `{unit}` (use K or M)")),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("`{s}` is too large"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules => {
            print!("{}", output::rules_table());
            ExitCode::SUCCESS
        }
    }
}
