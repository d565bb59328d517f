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
