//! `adf check`: read files in parallel, check them with the core, print, choose the exit code.

use crate::files::{self, LoadedFile};
use crate::output;
use crate::{CheckArgs, Format};
use adf_core::{CheckOptions, FileReport, Layout, Severity, Workspace};
use rayon::prelude::*;
use std::path::Path;
use std::process::ExitCode;

/// A file that could not be checked at all.
pub struct FileError {
    /// The path as shown.
    pub file: String,
    /// Why.
    pub message: String,
}

/// Everything a run found, for the output formats.
pub struct RunResult {
    /// Checked files with their text and findings.
    pub reports: Vec<(LoadedText, FileReport)>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
}

/// A checked file's text and display path.
pub struct LoadedText {
    /// Display path.
    pub display: String,
    /// Text.
    pub text: String,
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
    let loaded: Vec<LoadedFile> = paths.par_iter().map(|p| files::load(p)).collect();
    let mut options = CheckOptions::default();
    options.parse.max_size = args.max_file_size;
    let result = check_loaded(loaded, &options);
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

/// Checks loaded files: prepare in parallel, compute the layout, check in parallel.
pub fn check_loaded(loaded: Vec<LoadedFile>, options: &CheckOptions) -> RunResult {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for f in loaded {
        match f.text {
            Ok(text) => texts.push(LoadedText {
                display: f.display,
                text,
            }),
            Err(message) => errors.push(FileError {
                file: f.display,
                message,
            }),
        }
    }
    // Most files are modelled as soon as they are parsed and their trees dropped at once; only
    // those that need every file's classification wait for the layout.
    let (classes, steps): (Vec<_>, Vec<_>) = texts
        .par_iter()
        .map(|t| {
            let (class, step) = adf_core::model_early(&t.display, &t.text, options);
            ((t.display.as_str(), class), step)
        })
        .unzip();
    let layout = Layout::new(classes);
    let models = adf_core::finish(steps, &layout);
    let mut workspace = Workspace::new(*options);
    workspace.set_layout(layout);
    for m in models {
        workspace.add_model(m);
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
    let reports: Vec<FileReport> = texts
        .iter()
        .map(|t| {
            workspace.report(&t.display).unwrap_or_else(|| FileReport {
                path: t.display.clone(),
                kind: adf_core::FileKind::Unknown,
                dialect: None,
                entities: 0,
                dynamic_refs: 0,
                diagnostics: Vec::new(),
                secrets: Vec::new(),
            })
        })
        .collect();
    RunResult {
        reports: texts.into_iter().zip(reports).collect(),
        errors,
    }
}

/// Numbers of error and warning findings.
pub fn count(result: &RunResult) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    for (_, r) in &result.reports {
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
        }
    }
    (errors, warnings)
}
