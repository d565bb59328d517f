//! `adf check`: read and model files in parallel (dropping each text as soon as its model is
//! built), run the cross-file rules in parallel, apply the configuration and the baseline,
//! print, choose the exit code.

use crate::baseline::{self, Baseline};
use crate::output::{self, source, source::Source};
use crate::{CheckArgs, Format};
use adf_core::batch::{self, BatchFile, MapItems};
use adf_core::config::{Config, ConfigError, ConfigSet};
use adf_core::{CheckOptions, FileKind, FileReport, Severity, TextRange};
use adf_host::files;
use adf_host::fs::{FileSystem, RealFs};
use adf_host::settings;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

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
    /// Its text, read again for output when it has findings (texts are dropped during the run);
    /// `None` when the text read again is not the one checked. Boxed: most files have no
    /// findings, and every file's entry is held at once.
    pub source: Option<Box<Source>>,
    /// The digest of the text that was checked, to recognise it when it is read again.
    pub digest: Option<u64>,
    /// The path fingerprints hash (`baseline::key`).
    pub fingerprint_path: String,
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
    // The Azure Pipelines agent runs a `##vso[` found anywhere in a line of either stream, and
    // the text format (the default) is what a pipeline step shows when no format is chosen.
    let defuse = output::azure_devops::defuse;
    let stdout = match args.format {
        Format::Text => defuse(&outcome.stdout),
        Format::Json | Format::Sarif => output::azure_devops::defuse_json(&outcome.stdout),
        _ => outcome.stdout,
    };
    let code = crate::stdout::emit(&stdout, ExitCode::from(outcome.code));
    for line in &outcome.stderr {
        crate::stdout::line_to_stderr(&defuse(line));
    }
    code
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
/// when a path does not exist or holds more than `max_files` JSON files.
pub(crate) fn walk(
    fs: &dyn FileSystem,
    paths: &[String],
    max_files: usize,
) -> Result<(Vec<Target>, Vec<FileError>), String> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !fs.exists(path) {
            return Err(format!("path `{p}` does not exist"));
        }
        for entry in fs.walk_at_most(path, max_files) {
            match entry {
                Err(e) if e.fatal => return Err(e.message),
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
) -> Result<ConfigSet, ConfigTrouble> {
    let absolute: Vec<String> = targets.iter().map(|t| t.absolute.clone()).collect();
    let texts = match forced {
        Some(file) => settings::forced(fs, Path::new(file)).map(|t| vec![t]),
        None => settings::discover(fs, &absolute),
    }
    .map_err(ConfigTrouble::Fatal)?;
    let mut parsed = Vec::new();
    let mut bad = Vec::new();
    for t in texts {
        match Config::parse(&t.text) {
            Ok(c) => parsed.push((t.dir, c)),
            Err(e) => bad.push((t, e)),
        }
    }
    if !bad.is_empty() {
        return Err(ConfigTrouble::Bad(bad));
    }
    Ok(match (forced, parsed.pop()) {
        (Some(_), Some((dir, config))) => ConfigSet::single(&dir, config),
        (_, last) => ConfigSet::new(parsed.into_iter().chain(last)),
    })
}

/// Why the configurations cannot be used.
pub(crate) enum ConfigTrouble {
    /// A file could not be read.
    Fatal(String),
    /// Files with mistakes, each with its first one.
    Bad(Vec<(settings::ConfigText, ConfigError)>),
}

impl ConfigTrouble {
    /// One line per problem, for hosts that only print (`adf graph`).
    pub(crate) fn message(&self) -> String {
        match self {
            ConfigTrouble::Fatal(e) => e.clone(),
            ConfigTrouble::Bad(bad) => bad
                .iter()
                .map(|(t, e)| format!("configuration {}:{e}", files::shown(&t.path)))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// The whole of `adf check` over a file system.
pub fn execute(fs: &dyn FileSystem, args: &CheckArgs) -> Outcome {
    // Every file's check reads the catalog: it is read (and the thread pool started) while this
    // thread walks the disk, instead of after. WASI has no threads to do it beside the walk.
    #[cfg(not(target_os = "wasi"))]
    rayon::spawn(|| {
        adf_catalog::catalog();
    });
    let mut result = RunResult::default();
    let (mut targets, errors) = match walk(fs, &args.paths, args.max_files) {
        Ok(found) => found,
        Err(e) => return Outcome::fatal(e),
    };
    result.errors = errors;
    let configs = match configs(fs, args.config.as_deref(), &targets) {
        Ok(c) => c,
        Err(ConfigTrouble::Fatal(e)) => return Outcome::fatal(e),
        Err(ConfigTrouble::Bad(bad)) => {
            return bad_configuration(args.format, bad, args.config.is_some())
        }
    };
    // The baseline is JSON too, and often kept beside the factory; it is not part of it.
    let baseline_file = args.baseline.as_deref().or(args.write_baseline.as_deref());
    let baseline_absolute = baseline_file.map(|b| files::absolute(Path::new(b)));
    targets.retain(|t| {
        baseline_absolute.as_deref() != Some(t.absolute.as_str()) && !configs.excludes(&t.absolute)
    });
    let baseline = match &args.baseline {
        Some(file) => match baseline::read(fs, Path::new(file)) {
            Ok(b) => Some(b),
            Err(e) => return Outcome::fatal(e),
        },
        None => None,
    };
    let mut options = CheckOptions::default();
    options.parse.max_size = args.max_file_size;
    options.profile = args.profile;
    let checked = check_targets(fs, &targets, &options, &configs, &mut result.errors);
    result.checked = checked;
    let anchor = baseline::anchor(baseline_file);
    // Only findings have fingerprints.
    for c in result
        .checked
        .iter_mut()
        .filter(|c| !c.report.diagnostics.is_empty())
    {
        c.fingerprint_path = baseline::key(&anchor, &c.report.path);
    }
    let mut stderr = Vec::new();
    let mut wrote_baseline = false;
    if let Some(b) = baseline {
        result.hidden = b.hide(&mut result.checked);
        if result.hidden > 0 {
            stderr.push(format!(
                "note: {} finding{} hidden by the baseline",
                result.hidden,
                if result.hidden == 1 { "" } else { "s" }
            ));
        }
    }
    if let Some(file) = &args.write_baseline {
        let b = Baseline::of(&result.checked);
        let n = b.len();
        if let Err(e) = baseline::write(Path::new(file), &b) {
            return Outcome::fatal(e);
        }
        wrote_baseline = true;
        stderr.push(format!(
            "note: wrote {n} finding{} to the baseline {file}; later runs with --baseline {file} report only new ones",
            if n == 1 { "" } else { "s" }
        ));
    }
    for c in &mut result.checked {
        if !c.report.diagnostics.is_empty() {
            c.source = Source::read(fs, Path::new(&c.report.path), c.digest).map(Box::new);
            if c.source.is_none() {
                // Its secrets were found in the text checked; another text would be printed
                // with those ranges masked, and its own secrets shown.
                stderr.push(format!(
                    "warning: {} changed while it was checked: its findings are shown without positions or source; run again",
                    c.report.path
                ));
            }
        }
    }
    let stdout = render(args.format, &result);
    let factory_files = result
        .checked
        .iter()
        .filter(|c| matches!(c.report.kind, FileKind::Entity(_) | FileKind::ArmTemplate))
        .count();
    let (errors, warnings) = count(&result);
    let code = if factory_files == 0 {
        stderr.push(no_factory(&result, &args.paths.join(", ")));
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

/// Why no factory was checked: none is there, or the files that might be one could not be read
/// or parsed (then saying "nothing was checked" after their findings would mislead).
fn no_factory(result: &RunResult, paths: &str) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let unread = result.errors.len();
    let unparsed = result
        .checked
        .iter()
        .filter(|c| {
            c.report
                .diagnostics
                .iter()
                .any(|d| d.rule.name == "invalid-json")
        })
        .count();
    if unread + unparsed == 0 {
        return format!(
            "error: no Data Factory files found in {paths} (no file is an ADF entity or ARM template); nothing was checked"
        );
    }
    let mut why = Vec::new();
    if unread > 0 {
        why.push(format!("{unread} file{} could not be read", plural(unread)));
    }
    if unparsed > 0 {
        let verb = if unparsed == 1 { "is" } else { "are" };
        why.push(format!(
            "{unparsed} file{} {verb} not valid JSON",
            plural(unparsed)
        ));
    }
    format!(
        "error: no file in {paths} was recognised as a Data Factory entity or ARM template: {} (reported above); fix {} and run again",
        why.join(" and "),
        if unread + unparsed == 1 { "it" } else { "them" }
    )
}

/// The run stops on a configuration with a mistake (its findings would be guessed): each
/// mistake is printed as an `invalid-config` finding of its file in the chosen format, and
/// named on standard error, and the exit code is 2.
fn bad_configuration(
    format: Format,
    bad: Vec<(settings::ConfigText, ConfigError)>,
    forced: bool,
) -> Outcome {
    let mut result = RunResult::default();
    let mut stderr = Vec::new();
    for (t, e) in bad {
        let path = if forced {
            t.path
        } else {
            files::shown(&t.path)
        };
        stderr.push(format!("error: configuration {path}:{e}"));
        result.checked.push(Checked {
            report: FileReport {
                path,
                kind: FileKind::Tooling,
                dialect: None,
                entities: 0,
                dynamic_refs: 0,
                diagnostics: vec![e.diagnostic()],
                secrets: Vec::new(),
            },
            entities: Vec::new(),
            source: Some(Box::new(Source::new(t.text))),
            digest: None,
            fingerprint_path: String::new(),
        });
    }
    stderr.push("error: nothing was checked: fix the configuration first".to_string());
    Outcome {
        stdout: render(format, &result),
        stderr,
        code: 2,
    }
}

fn render(format: Format, result: &RunResult) -> String {
    match format {
        Format::Text => output::text::render(result),
        Format::Json => output::json::render(result) + "\n",
        Format::Sarif => output::sarif::render(result) + "\n",
        Format::Github => output::github::render(result),
        Format::AzureDevops => output::azure_devops::render(result),
    }
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

/// Maps work over rayon's thread pool.
///
/// Also on wasm32-wasip1, which has no threads: rayon-core (1.11 and later) builds its global
/// pool on the calling thread alone when spawning a thread is `Unsupported`, so the map runs in
/// order there. scripts/test-npm.sh runs the WASI build through this map and compares its output
/// with the native one's.
struct Threads;

impl MapItems for Threads {
    fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
        // One item per job, so an idle thread can always take one: rayon otherwise cuts the
        // list into a few runs up front, and a run of large files (the inputs come folder by
        // folder) kept one thread busy alone for a third of the check.
        items.into_par_iter().with_max_len(1).map(f).collect()
    }
}

/// Checks files and applies the configuration (the core's batch, on rayon's threads).
fn check_targets(
    fs: &dyn FileSystem,
    targets: &[Target],
    options: &CheckOptions,
    configs: &ConfigSet,
    errors: &mut Vec<FileError>,
) -> Vec<Checked> {
    let files = targets
        .iter()
        .map(|t| BatchFile {
            path: t.display.clone(),
            config_path: t.absolute.clone(),
        })
        .collect();
    let given: std::collections::HashMap<&str, (usize, &Path)> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.display.as_str(), (i, t.path.as_path())))
        .collect();
    // One slot per target, set by the thread that read it: a map from copied paths held 4 MB
    // more at the run's peak at N = 5 000.
    let digests: Vec<OnceLock<u64>> = targets.iter().map(|_| OnceLock::new()).collect();
    let read = |f: &BatchFile| {
        let found = given.get(f.path.as_str());
        let text = match found {
            Some((_, path)) => files::load(fs, path),
            None => files::load(fs, Path::new(&f.config_path)),
        }?;
        if let Some(slot) = found.and_then(|(i, _)| digests.get(*i)) {
            // A path given twice is read twice; the first read's digest is kept.
            let _ = slot.set(source::digest(&text));
        }
        Ok(text)
    };
    let joins = displayed_joins(configs, targets);
    let outcomes = batch::check(&Threads, files, read, options, configs, &joins);
    let digest_of = |path: &str| {
        let (i, _) = given.get(path)?;
        digests.get(*i)?.get().copied()
    };
    outcomes
        .into_iter()
        .filter_map(|outcome| match outcome {
            Ok(b) => Some(Checked {
                digest: digest_of(&b.report.path),
                report: b.report,
                entities: b.entities,
                source: None,
                fingerprint_path: String::new(),
            }),
            Err((file, message)) => {
                errors.push(FileError { file, message });
                None
            }
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
