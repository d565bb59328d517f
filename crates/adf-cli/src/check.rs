//! `adf check`: read and model files in parallel (dropping each text as soon as its model is
//! built), run the cross-file rules in parallel, print, choose the exit code.

use crate::files;
use crate::output;
use crate::{CheckArgs, Format};
use adf_core::{CheckOptions, Classification, FileModel, FileReport, Layout, Severity, Workspace};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A file that could not be checked at all.
pub struct FileError {
    /// The path as shown.
    pub file: String,
    /// Why.
    pub message: String,
}

/// A checked file: where it is and its findings.
pub struct Checked {
    /// Where to read it again for output (snippets, line numbers).
    pub path: PathBuf,
    /// Its findings.
    pub report: FileReport,
}

/// Everything a run found, for the output formats.
pub struct RunResult {
    /// Checked files, by path.
    pub checked: Vec<Checked>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
}

/// Runs the check and returns the process exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut paths = Vec::new();
    for p in &args.paths {
        let path = Path::new(p);
        if !path.exists() {
            eprintln!("error: path `{p}` does not exist");
            return ExitCode::from(2);
        }
        paths.extend(files::collect(path));
    }
    paths.sort();
    paths.dedup();
    let mut options = CheckOptions::default();
    options.parse.max_size = args.max_file_size;
    let result = check_paths(&paths, &options);
    let (errors, warnings) = count(&result);
    match args.format {
        Format::Text => print!("{}", output::text::render(&result)),
        Format::Json => println!("{}", output::json::render(&result)),
    }
    if errors > 0 || !result.errors.is_empty() || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What phase one made of a file.
enum Phase1 {
    Model(FileModel),
    /// The file needs the layout of every file; its text waits until then.
    Deferred(String),
    Unreadable(String),
}

/// Checks files on disk.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> RunResult {
    let phase1: Vec<(String, Option<Classification>, Phase1)> = paths
        .par_iter()
        .map(|p| {
            let loaded = files::load(p);
            match loaded.text {
                Err(message) => (loaded.display, None, Phase1::Unreadable(message)),
                Ok(text) => {
                    let (class, step) = adf_core::model_early(&loaded.display, &text, options);
                    let model = match step {
                        adf_core::Step::Done(m) => Some(m),
                        adf_core::Step::Deferred(_) => None,
                    };
                    match model {
                        Some(m) => (loaded.display, Some(class), Phase1::Model(m)),
                        None => (loaded.display, Some(class), Phase1::Deferred(text)),
                    }
                }
            }
        })
        .collect();
    let layout = Layout::new(
        phase1
            .iter()
            .filter_map(|(d, c, _)| c.map(|c| (d.as_str(), c))),
    );
    let mut workspace = Workspace::new(*options);
    let mut errors = Vec::new();
    let mut checked_paths = Vec::new();
    let models: Vec<Result<FileModel, FileError>> = phase1
        .into_par_iter()
        .map(|(display, _, p1)| match p1 {
            Phase1::Model(m) => Ok(m),
            Phase1::Deferred(text) => {
                let prepared = adf_core::prepare(&display, &text, options);
                Ok(adf_core::build_model(&prepared, &layout))
            }
            Phase1::Unreadable(message) => Err(FileError {
                file: display,
                message,
            }),
        })
        .collect();
    workspace.set_layout(layout);
    for (m, path) in models.into_iter().zip(paths) {
        match m {
            Ok(m) => {
                checked_paths.push((m.path.clone(), path.clone()));
                workspace.add_model(m);
            }
            Err(e) => errors.push(e),
        }
    }
    // The cross-file rules of each file only read the index: run them in parallel.
    let results: Vec<_> = workspace
        .file_ids()
        .into_par_iter()
        .map(|id| (id, workspace.cross_check(id)))
        .collect();
    for (id, (diagnostics, facts)) in results {
        workspace.store(id, diagnostics, facts);
    }
    let checked = checked_paths
        .into_iter()
        .filter_map(|(display, path)| {
            Some(Checked {
                path,
                report: workspace.report(&display)?,
            })
        })
        .collect();
    RunResult { checked, errors }
}

/// Numbers of error and warning findings.
pub fn count(result: &RunResult) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    for c in &result.checked {
        for d in &c.report.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
        }
    }
    (errors, warnings)
}
