//! Checking many files once, as `adf check` does: each file is read and modelled as soon as it
//! can be (its text dropped at once), the few that need every file's classification wait for
//! the layout, then the cross-file rules run and the configuration is applied. The host only
//! says how to read a file and how to map work over items (a thread pool natively, in order on
//! wasm32); the phases stay inside the core.

use crate::config::{self, ConfigSet, FileContext};
use crate::model::build::{build_model, model_early, prepare, Step};
use crate::workspace::FileId;
use crate::{CheckOptions, FileModel, FileReport, Layout, SourceFile, TextRange, Workspace};

/// How a batch maps a function over items; results keep the items' order.
pub trait MapItems: Sync {
    /// `f` applied to every item.
    fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R>;
}

/// One item after another, on the calling thread.
pub struct InOrder;

impl MapItems for InOrder {
    fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
        items.into_iter().map(f).collect()
    }
}

/// A file to check: the path it is shown and modelled under, and the path the configurations
/// are matched against (the same, or absolute when the host shows relative paths).
#[derive(Debug, Clone)]
pub struct BatchFile {
    /// The path findings name.
    pub path: String,
    /// The path `adf.toml` globs and pointers are matched against.
    pub config_path: String,
}

/// A checked file.
pub struct BatchReport {
    /// Its findings, the governing configuration applied.
    pub report: FileReport,
    /// The entities it defines (name, range of the object), for fingerprints.
    pub entities: Vec<(String, TextRange)>,
}

/// What became of one file: checked, or why it could not be (the path and the reader's error).
pub type BatchOutcome = Result<BatchReport, (String, String)>;

/// What the first pass made of a file.
enum First {
    Model(FileModel),
    /// The file needs the layout of every file; its text waits until then.
    Deferred(String),
    Unreadable(String),
}

/// Checks `files` together as one factory (or several, by the layout), with `joins` naming the
/// folders (as `path`s are written) that form one factory. Outcomes keep the order of `files`.
pub fn check<M: MapItems>(
    par: &M,
    files: Vec<BatchFile>,
    read: impl Fn(&BatchFile) -> Result<String, String> + Sync + Send,
    options: &CheckOptions,
    configs: &ConfigSet,
    joins: &[Vec<String>],
) -> Vec<BatchOutcome> {
    // A configuration may select a profile for the files it governs.
    let profiles = configs.profiles();
    let options_for =
        |f: &BatchFile| crate::workspace::options_under(options, &profiles, &f.config_path);
    let first = par.map(files, |f| match read(&f) {
        Err(message) => (f, None, First::Unreadable(message), Vec::new()),
        Ok(text) => {
            // Pointer ignores need the text, which is dropped once the model is built.
            let hits = configs
                .for_path(&f.config_path)
                .map(|(c, rel)| config::pointer_hits(c, &rel, &text))
                .unwrap_or_default();
            let (class, step) = model_early(&f.path, &text, &options_for(&f));
            let phase = match step {
                Step::Done(m) => First::Model(m),
                Step::Deferred(_) => First::Deferred(text),
            };
            (f, Some(class), phase, hits)
        }
    });
    let layout = Layout::with_joins(
        first
            .iter()
            .filter_map(|(f, class, _, _)| class.map(|c| (f.path.as_str(), c))),
        joins,
    );
    // Each file's entity list is copied here, on the pool, not in the serial loop below.
    let models = par.map(first, |(f, _, phase, hits)| {
        let model = match phase {
            First::Model(m) => Ok(m),
            First::Deferred(text) => Ok(build_model(
                &prepare(&f.path, &text, &options_for(&f)),
                &layout,
            )),
            First::Unreadable(message) => Err(message),
        };
        let model = model.map(|m| {
            let entities: Vec<(String, TextRange)> = m
                .entities
                .iter()
                .map(|e| (e.name.clone(), e.range))
                .collect();
            (m, entities)
        });
        (f, hits, model)
    });
    let mut workspace = Workspace::batch(*options);
    workspace.set_layout(layout);
    workspace.reserve(
        models
            .iter()
            .filter_map(|(_, _, m)| m.as_ref().ok().map(|(m, _)| m)),
    );
    let mut order = Vec::with_capacity(models.len());
    for (f, hits, model) in models {
        match model {
            Ok((m, entities)) => {
                workspace.add_model(m);
                order.push(Ok((f, hits, entities)));
            }
            Err(message) => order.push(Err((f.path, message))),
        }
    }
    // The cross-file rules of each file only read the index: they run side by side.
    let results = par.map(workspace.file_ids(), |id| (id, workspace.cross_check(id)));
    for (id, (diagnostics, facts)) in results {
        workspace.store(id, diagnostics, facts);
    }
    // Each file's slot becomes its report on the pool, its findings moved rather than copied;
    // the configuration is applied in input order.
    let ids: Vec<Option<FileId>> = order
        .iter()
        .map(|e| {
            e.as_ref()
                .ok()
                .and_then(|(f, _, _)| workspace.id_of(&f.path))
        })
        .collect();
    let mut by_id = workspace.into_reports(par);
    // A path given twice is one file with one report, given twice as before.
    let mut uses = vec![0u32; by_id.len()];
    for id in ids.iter().flatten() {
        if let Some(n) = uses.get_mut(*id as usize) {
            *n += 1;
        }
    }
    order
        .into_iter()
        .zip(ids)
        .filter_map(|(entry, id)| {
            let (f, hits, entities) = match entry {
                Ok(e) => e,
                Err(e) => return Some(Err(e)),
            };
            let id = id? as usize;
            let left = uses.get_mut(id)?;
            *left = left.saturating_sub(1);
            let held = by_id.get_mut(id)?;
            let mut report = if *left == 0 {
                held.take()?
            } else {
                held.clone()?
            };
            if let Some((config, rel)) = configs.for_path(&f.config_path) {
                let ctx = FileContext {
                    rel_path: &rel,
                    entities: &entities,
                    pointer_hits: &hits,
                };
                report.diagnostics = config::apply(config, &ctx, report.diagnostics);
            }
            Some(Ok(BatchReport { report, entities }))
        })
        .collect()
}

/// Checks a set of files in one thread: models each (most as soon as parsed, so their trees are
/// dropped at once), then runs the cross-file rules; reports in input order.
pub fn check_files(files: &[SourceFile<'_>], options: &CheckOptions) -> Vec<FileReport> {
    let batch: Vec<BatchFile> = files
        .iter()
        .map(|f| BatchFile {
            path: f.path.to_string(),
            config_path: f.path.to_string(),
        })
        .collect();
    let texts: std::collections::HashMap<&str, &str> =
        files.iter().map(|f| (f.path, f.text)).collect();
    let read = |f: &BatchFile| {
        texts
            .get(f.path.as_str())
            .map(|t| t.to_string())
            .ok_or_else(|| format!("no text for {}", f.path))
    };
    let configs = ConfigSet::default();
    check(&InOrder, batch, read, options, &configs, &[])
        .into_iter()
        .filter_map(|outcome| outcome.ok().map(|b| b.report))
        .collect()
}
