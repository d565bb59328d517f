//! `adf`: check Azure Data Factory JSON from the command line.

mod baseline;
mod check;
mod eval;
mod explain;
mod graph;
mod output;
mod stdout;
mod whatif;

use adf_host::{files, fs};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

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
    /// Print a rule's documentation (by name or code).
    Explain {
        /// The rule, e.g. `unused-entity` or `ADF0212`.
        rule: String,
    },
    /// Print the dependency graph of the factories below PATH (default: the current folder).
    Graph {
        /// Files or folders.
        #[arg(default_value = ".")]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = graph::GraphFormat::Dot)]
        format: graph::GraphFormat,
        /// Show only what this entity leads to (by name, case-insensitive).
        #[arg(long, value_name = "ENTITY")]
        root: Option<String>,
        /// Use this configuration for every file instead of the nearest adf.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<String>,
    },
    /// Evaluate an ADF expression offline with the inputs given (docs/cli.md).
    #[command(after_help = eval::AFTER_HELP)]
    Eval(eval::EvalArgs),
    /// Show what a run of a pipeline would do, offline: activities in run order with their
    /// evaluated properties (docs/cli.md).
    #[command(name = "what-if", after_help = whatif::AFTER_HELP)]
    WhatIf(whatif::WhatIfArgs),
    /// Write a commented starter adf.toml into FOLDER (default: the current folder).
    Init {
        /// Where to write adf.toml.
        #[arg(default_value = ".")]
        folder: String,
    },
    /// Print the JSON Schema of `adf check --format json` (docs/adf-check.schema.json).
    Schema,
    /// Run the language server over stdin/stdout (docs/editors.md).
    // Builds without the language server (the WASI build, or no `lsp` feature) keep the name,
    // hidden, so that `adf lsp` says why it is missing instead of clap's "unrecognized
    // subcommand".
    #[cfg_attr(
        not(all(feature = "lsp", not(target_os = "wasi"))),
        command(hide = true)
    )]
    Lsp,
}

/// Output formats of `adf check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable findings with source snippets.
    Text,
    /// One JSON object: diagnostics, files not checked and a summary (docs/cli.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// Azure Pipelines logging commands (`##vso[task.logissue ...]`).
    AzureDevops,
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
    /// Stop with exit code 2 when a path holds more JSON files than this (a walk of `/` or of
    /// a home folder by mistake).
    #[arg(long, value_name = "N", default_value_t = fs::DEFAULT_MAX_FILES)]
    max_files: usize,
    /// Use this configuration for every file instead of the nearest adf.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Report only findings not in this baseline (written by --write-baseline; a missing FILE
    /// is an error).
    #[arg(long, value_name = "FILE")]
    baseline: Option<String>,
    /// Write every current finding into FILE (replacing it) and succeed: adopting the tool, or
    /// accepting today's findings again.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<String>,
    /// Also run a profile's rules: `fabric` reports what a migration to Data Factory in
    /// Microsoft Fabric cannot move or moves only in part (fabric-not-migrated,
    /// fabric-needs-rework). `profile = "fabric"` in adf.toml does the same.
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile)]
    profile: Option<adf_core::Profile>,
}

/// Parses a profile name (`fabric`).
fn parse_profile(s: &str) -> Result<adf_core::Profile, String> {
    adf_core::Profile::from_name(s).ok_or_else(|| {
        let known: Vec<&str> = adf_core::Profile::ALL.iter().map(|p| p.name()).collect();
        format!("unknown profile `{s}` (known: {})", known.join(", "))
    })
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

/// The `--version` line: the package version, the commit it was built from and the schema
/// snapshots the compiled-in catalog was generated from.
fn version_line() -> &'static str {
    static LINE: OnceLock<String> = OnceLock::new();
    LINE.get_or_init(|| {
        format!(
            "{} (commit {}; catalog: {})",
            env!("CARGO_PKG_VERSION"),
            env!("ADF_BUILD_COMMIT"),
            adf_catalog::catalog().snapshot
        )
    })
}

fn main() -> ExitCode {
    #[cfg(target_os = "wasi")]
    enter_host_folder();
    // Reading the catalog takes milliseconds; only `--version` prints its snapshots.
    let asks_version = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--version" || a == "-V");
    let parsed = Cli::command()
        .version(if asks_version {
            version_line()
        } else {
            env!("CARGO_PKG_VERSION")
        })
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            // `--help` and `--version` go to standard output, which may be a closed pipe.
            let code = ExitCode::from(if e.use_stderr() { 2 } else { 0 });
            return if e.use_stderr() {
                stdout::line_to_stderr(e.render().to_string().trim_end());
                code
            } else {
                stdout::emit(&e.render().to_string(), code)
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules => stdout::emit(&output::rules_table(), ExitCode::SUCCESS),
        Command::Explain { rule } => finish(explain::page(&rule).map(str::to_string)),
        Command::Graph {
            paths,
            format,
            root,
            config,
        } => finish(graph::render(
            &fs::RealFs,
            &graph::GraphArgs {
                paths: &paths,
                format,
                root: root.as_deref(),
                config: config.as_deref(),
            },
        )),
        Command::Eval(args) => eval::run(&args),
        Command::WhatIf(args) => whatif::run(&args),
        Command::Init { folder } => match init(Path::new(&folder)) {
            Ok(message) => {
                stdout::line_to_stderr(&message);
                ExitCode::SUCCESS
            }
            Err(e) => finish(Err(e)),
        },
        Command::Schema => stdout::emit(&output::json::schema(), ExitCode::SUCCESS),
        #[cfg(all(feature = "lsp", not(target_os = "wasi")))]
        Command::Lsp => match adf_lsp::run_stdio() {
            Ok(true) => ExitCode::SUCCESS,
            // LSP: `exit` without `shutdown` (or a client that vanished) ends with status 1.
            Ok(false) => ExitCode::from(1),
            Err(e) => finish(Err(format!("language server: {e}"))),
        },
        #[cfg(not(all(feature = "lsp", not(target_os = "wasi"))))]
        Command::Lsp => finish(Err(
            "this build of adf has no language server (the portable WASI build, or a build \
             without the `lsp` feature); install the native adf for `adf lsp`"
                .to_string(),
        )),
    }
}

/// Makes the host's working folder this program's (WASI build only).
///
/// A WASI program starts in `/` of what the host preopened, whatever folder the host runs in;
/// relative paths would resolve against that `/` and `adf check .` would walk the wrong folder.
/// The npm launcher preopens the host's `/` and names its working folder in PWD. A host that
/// preopened only some folders (`wasmtime --dir .`) either sends no PWD or one that cannot be
/// entered: the start folder stays, and relative paths resolve against the preopened `.`.
#[cfg(target_os = "wasi")]
fn enter_host_folder() {
    if let Some(pwd) = std::env::var_os("PWD") {
        let _ = std::env::set_current_dir(pwd);
    }
}

/// Prints a command's text, or its error with exit code 2.
fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(text) => stdout::emit(&text, ExitCode::SUCCESS),
        Err(e) => {
            stdout::line_to_stderr(&format!("error: {e}"));
            ExitCode::from(2)
        }
    }
}

/// Writes the starter configuration, never over an existing file.
fn init(folder: &Path) -> Result<String, String> {
    if !folder.is_dir() {
        return Err(format!(
            "folder `{}` does not exist",
            files::display(folder)
        ));
    }
    let path = folder.join(adf_core::config::FILE_NAME);
    let shown = files::display(&path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{shown} exists already; not overwriting it")
            }
            _ => format!("cannot write {shown}: {e}"),
        })?;
    std::io::Write::write_all(&mut file, adf_core::config::STARTER.as_bytes())
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(format!("wrote {shown}; see docs/configuration.md"))
}
