//! `adf check`: read and model files in parallel (dropping each text as soon as its model is
//! built), run the cross-file rules in parallel, apply the configuration and the baseline,
//! print, choose the exit code.

use crate::baseline::{self, Baseline};
use crate::output::{self, source::Source};
use crate::{CheckArgs, Format};
use adf_core::config::{self, ConfigSet, FileContext, PointerHit};
use adf_core::{
    CheckOptions, Classification, FileKind, FileModel, FileReport, Layout, Severity, TextRange,
    Workspace,
};
use adf_host::files;
use adf_host::fs::{FileSystem, RealFs};
use adf_host::settings;
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

/// A checked file: its findings and what outputs need to show them.
pub struct Checked {
    /// Its findings (configuration and baseline applied).
    pub report: FileReport,
    /// Entities it defines (name, range of the object), for fingerprints.
    pub entities: Vec<(String, TextRange)>,
    /// Its text, read again for output when it has findings (texts are dropped during the run).
    pub source: Option<Source>,
}

/// Everything a run found, for the output formats.
#[derive(Default)]
pub struct RunResult {
    /// Checked files, by path.
    pub checked: Vec<Checked>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Findings hidden because the baseline holds them.
    pub hidden: usize,
}

/// What a run prints and how it ends.
pub struct Outcome {
    /// For standard output.
    pub stdout: String,
    /// Lines for standard error.
    pub stderr: Vec<String>,
    /// The exit code.
    pub code: u8,
}

impl Outcome {
    fn fatal(message: String) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: vec![format!("error: {message}")],
            code: 2,
        }
    }
}

/// Runs the check on the disk and returns the process exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let outcome = execute(&RealFs, args);
    print!("{}", outcome.stdout);
    for line in &outcome.stderr {
        eprintln!("{line}");
    }
    ExitCode::from(outcome.code)
}

/// A file to check: where to read it and how it is named.
pub(crate) struct Target {
    /// Where to read it.
    pub path: PathBuf,
    /// The path as shown (and as the core knows it).
    pub display: String,
    /// The absolute path, as configurations speak.
    pub absolute: String,
}

/// The JSON files below the paths, sorted by display path, with the walk's errors; an error
/// when a path does not exist.
pub(crate) fn walk(
    fs: &dyn FileSystem,
    paths: &[String],
) -> Result<(Vec<Target>, Vec<FileError>), String> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !fs.exists(path) {
            return Err(format!("path `{p}` does not exist"));
        }
        for entry in fs.walk(path) {
            match entry {
                Ok(path) => targets.push(Target {
                    display: files::display(&path),
                    absolute: files::absolute(&path),
                    path,
                }),
                Err(e) => errors.push(FileError {
                    file: files::display(&e.path),
                    message: e.message,
                }),
            }
        }
    }
    targets.sort_by(|a, b| a.display.cmp(&b.display));
    targets.dedup_by(|a, b| a.display == b.display);
    Ok((targets, errors))
}

/// The configurations that govern the targets: the one `--config` names, or each file's
/// nearest `adf.toml`; an error (exit 2) when one cannot be read or parsed.
pub(crate) fn configs(
    fs: &dyn FileSystem,
    forced: Option<&str>,
    targets: &[Target],
) -> Result<ConfigSet, String> {
    let absolute: Vec<String> = targets.iter().map(|t| t.absolute.clone()).collect();
    match forced {
        Some(file) => settings::forced(fs, Path::new(file)),
        None => settings::discover(fs, &absolute),
    }
}

/// The whole of `adf check` over a file system.
pub fn execute(fs: &dyn FileSystem, args: &CheckArgs) -> Outcome {
    let mut result = RunResult::default();
    let (mut targets, errors) = match walk(fs, &args.paths) {
        Ok(found) => found,
        Err(e) => return Outcome::fatal(e),
    };
    result.errors = errors;
    let configs = match configs(fs, args.config.as_deref(), &targets) {
        Ok(c) => c,
        Err(e) => return Outcome::fatal(e),
    };
    // The baseline is JSON too, and often kept beside the factory; it is not part of it.
    let baseline_file = args
        .baseline
        .as_deref()
        .map(|b| files::absolute(Path::new(b)));
    targets.retain(|t| {
        baseline_file.as_deref() != Some(t.absolute.as_str()) && !configs.excludes(&t.absolute)
    });
    let baseline = match &args.baseline {
        Some(file) if fs.is_file(Path::new(file)) => match baseline::read(fs, Path::new(file)) {
            Ok(b) => Some(b),
            Err(e) => return Outcome::fatal(e),
        },
        _ => None,
    };
    let mut options = CheckOptions::default();
    options.parse.max_size = args.max_file_size;
    let checked = check_targets(fs, &targets, &options, &configs, &mut result.errors);
    result.checked = checked;
    let mut stderr = Vec::new();
    let mut wrote_baseline = false;
    match (&args.baseline, baseline) {
        (Some(_), Some(b)) => {
            result.hidden = b.hide(&mut result.checked);
            if result.hidden > 0 {
                stderr.push(format!(
                    "note: {} finding{} hidden by the baseline",
                    result.hidden,
                    if result.hidden == 1 { "" } else { "s" }
                ));
            }
        }
        (Some(file), None) => {
            let b = Baseline::of(&result.checked);
            let n = b.len();
            if let Err(e) = baseline::write(Path::new(file), &b) {
                return Outcome::fatal(e);
            }
            wrote_baseline = true;
            stderr.push(format!(
                "note: wrote {n} finding{} to the baseline {file}; later runs report only new ones",
                if n == 1 { "" } else { "s" }
            ));
        }
        _ => {}
    }
    for c in &mut result.checked {
        if !c.report.diagnostics.is_empty() {
            c.source = Some(Source::read(fs, Path::new(&c.report.path)));
        }
    }
    let stdout = match args.format {
        Format::Text => output::text::render(&result),
        Format::Json => output::json::render(&result) + "\n",
        Format::Sarif => output::sarif::render(&result) + "\n",
        Format::Github => output::github::render(&result),
        Format::AzureDevops => output::azure_devops::render(&result),
    };
    let factory_files = result
        .checked
        .iter()
        .filter(|c| matches!(c.report.kind, FileKind::Entity(_) | FileKind::ArmTemplate))
        .count();
    let (errors, warnings) = count(&result);
    let code = if factory_files == 0 {
        stderr.push(format!(
            "error: no Data Factory files found in {} (no file is an ADF entity or ARM template); nothing was checked",
            args.paths.join(", ")
        ));
        2
    } else if wrote_baseline {
        // Adopting the tool: today's findings are accepted, later runs fail on new ones.
        0
    } else if errors > 0 || !result.errors.is_empty() || (args.deny_warnings && warnings > 0) {
        1
    } else {
        0
    };
    Outcome {
        stdout,
        stderr,
        code,
    }
}

/// What phase one made of a file.
enum Phase1 {
    Model(FileModel),
    /// The file needs the layout of every file; its text waits until then.
    Deferred(String),
    Unreadable(String),
}

struct Read {
    display: String,
    absolute: String,
    class: Option<Classification>,
    phase: Phase1,
    hits: Vec<PointerHit>,
}

/// The folders the configurations join into one factory, named as the files are displayed
/// (the core sees display paths; configurations speak absolute ones). A folder none of whose
/// files is checked is left out.
pub(crate) fn displayed_joins(configs: &ConfigSet, targets: &[Target]) -> Vec<Vec<String>> {
    configs
        .factory_joins()
        .into_iter()
        .map(|group| {
            group
                .iter()
                .filter_map(|folder| {
                    targets.iter().find_map(|t| {
                        let rest = t.absolute.strip_prefix(folder)?.strip_prefix('/')?;
                        if t.display == rest {
                            Some(String::new())
                        } else {
                            let prefix = t.display.strip_suffix(rest)?.strip_suffix('/')?;
                            Some(prefix.to_string())
                        }
                    })
                })
                .collect()
        })
        .collect()
}

/// The pointer ignores of a file resolved in its text.
fn pointer_hits(configs: &ConfigSet, absolute: &str, text: &str) -> Vec<PointerHit> {
    configs
        .for_path(absolute)
        .map(|(config, rel)| config::pointer_hits(config, &rel, text))
        .unwrap_or_default()
}

/// Checks files and applies the configuration.
fn check_targets(
    fs: &dyn FileSystem,
    targets: &[Target],
    options: &CheckOptions,
    configs: &ConfigSet,
    errors: &mut Vec<FileError>,
) -> Vec<Checked> {
    let phase1: Vec<Read> = targets
        .par_iter()
        .map(|t| match files::load(fs, &t.path) {
            Err(message) => Read {
                display: t.display.clone(),
                absolute: t.absolute.clone(),
                class: None,
                phase: Phase1::Unreadable(message),
                hits: Vec::new(),
            },
            Ok(text) => {
                // Pointer ignores need the text, which is dropped once the model is built.
                let hits = pointer_hits(configs, &t.absolute, &text);
                let (class, step) = adf_core::model_early(&t.display, &text, options);
                let phase = match step {
                    adf_core::Step::Done(m) => Phase1::Model(m),
                    adf_core::Step::Deferred(_) => Phase1::Deferred(text),
                };
                Read {
                    display: t.display.clone(),
                    absolute: t.absolute.clone(),
                    class: Some(class),
                    phase,
                    hits,
                }
            }
        })
        .collect();
    let layout = Layout::with_joins(
        phase1
            .iter()
            .filter_map(|r| r.class.map(|c| (r.display.as_str(), c))),
        &displayed_joins(configs, targets),
    );
    type Modelled = (String, String, Vec<PointerHit>, Result<FileModel, String>);
    let models: Vec<Modelled> = phase1
        .into_par_iter()
        .map(|r| {
            let model = match r.phase {
                Phase1::Model(m) => Ok(m),
                Phase1::Deferred(text) => {
                    let prepared = adf_core::prepare(&r.display, &text, options);
                    Ok(adf_core::build_model(&prepared, &layout))
                }
                Phase1::Unreadable(message) => Err(message),
            };
            (r.display, r.absolute, r.hits, model)
        })
        .collect();
    let mut workspace = Workspace::batch(*options);
    workspace.set_layout(layout);
    let mut pending = Vec::new();
    for (display, absolute, hits, model) in models {
        match model {
            Ok(m) => {
                let entities: Vec<(String, TextRange)> = m
                    .entities
                    .iter()
                    .map(|e| (e.name.clone(), e.range))
                    .collect();
                workspace.add_model(m);
                pending.push((display, absolute, hits, entities));
            }
            Err(message) => errors.push(FileError {
                file: display,
                message,
            }),
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
    pending
        .into_iter()
        .filter_map(|(display, absolute, hits, entities)| {
            let mut report = workspace.report(&display)?;
            if let Some((config, rel)) = configs.for_path(&absolute) {
                let ctx = FileContext {
                    rel_path: &rel,
                    entities: &entities,
                    pointer_hits: &hits,
                };
                report.diagnostics = config::apply(config, &ctx, report.diagnostics);
            }
            Some(Checked {
                report,
                entities,
                source: None,
            })
        })
        .collect()
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

#[cfg(test)]
mod tests;
