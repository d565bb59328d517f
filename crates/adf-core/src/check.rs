//! Single-file checking: parse, classify, then run the file and schema rules.

use crate::classify::{Classification, DialectEvidence, FileKind};
use crate::diagnostic::{Diagnostic, TextRange};
use crate::layout::Layout;
use crate::rules::{file_too_large, invalid_json, nesting_too_deep, unrecognized_file};
use crate::schema_check::SchemaWalker;
use crate::{classify, json};
use adf_catalog::{catalog, Dialect, EntityKind};
use adf_syntax::ast::Value;
use adf_syntax::{ParseOptions, Parsed, SyntaxErrorKind};

/// Options of a check run.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Parser limits (nesting depth, file size).
    pub parse: ParseOptions,
}

/// A file parsed and classified, ready to be checked once the layout of all files is known.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The file's path as the adapter names it.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
    /// Its syntax tree and syntax errors.
    pub parsed: Parsed<'a>,
    /// What it is.
    pub class: Classification,
}

/// The findings of one file and what it was found to be.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file's path as given.
    pub path: String,
    /// What the file holds.
    pub kind: FileKind,
    /// The dialect it was checked in (entities only).
    pub dialect: Option<Dialect>,
    /// Number of entities the file defines.
    pub entities: usize,
    /// Findings, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and classifies one file (the parallel first phase of a run).
pub fn prepare<'a>(path: &'a str, text: &'a str, options: &CheckOptions) -> Prepared<'a> {
    let parsed = adf_syntax::parse(text, &options.parse);
    let mut class = classify::classify(path, parsed.value.as_ref());
    class.synapse |= classify::synapse_evidence(text);
    Prepared {
        path,
        text,
        parsed,
        class,
    }
}

/// Checks a prepared file (the second phase, once the layout of all files is known).
pub fn check_prepared(file: &Prepared<'_>, layout: &Layout) -> FileReport {
    let mut diagnostics = Vec::new();
    for e in &file.parsed.errors {
        diagnostics.push(match e.kind {
            SyntaxErrorKind::Invalid => invalid_json::diagnostic(e.range.into(), &e.message),
            SyntaxErrorKind::TooDeep => nesting_too_deep::diagnostic(e.range.into(), &e.message),
            SyntaxErrorKind::TooLarge => file_too_large::diagnostic(&e.message),
        });
    }
    let syntax_ok = file.parsed.errors.is_empty();
    let mut dialect = None;
    let mut entities = 0;
    match (file.class.kind, file.parsed.value.as_ref()) {
        (FileKind::Entity(kind), Some(Value::Object(obj))) => {
            let d = check_entity(
                obj,
                kind,
                layout.dialect(file.path, file.class.dialect),
                syntax_ok,
                &mut diagnostics,
            );
            dialect = Some(d);
            entities = 1;
        }
        (FileKind::Unknown, Some(value))
            if syntax_ok && layout.factory_root(file.path).is_some() =>
        {
            let r = json::range(value);
            diagnostics.push(unrecognized_file::diagnostic(TextRange::new(
                r.start,
                r.start + 1,
            )));
        }
        _ => {}
    }
    diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
    FileReport {
        path: file.path.to_string(),
        kind: file.class.kind,
        dialect,
        entities,
        diagnostics,
    }
}

/// Checks one entity object; returns the dialect it was checked in.
fn check_entity(
    obj: &adf_syntax::ast::Object<'_>,
    kind: EntityKind,
    mut dialect: Dialect,
    syntax_ok: bool,
    out: &mut Vec<Diagnostic>,
) -> Dialect {
    let cat = catalog();
    // A type known only in the other generation means the file was taken for the wrong one.
    let type_name = json::get_obj(obj, "properties")
        .and_then(|p| json::get_str(p, "type"))
        .or_else(|| json::get_str(obj, "type"));
    if let Some(t) = type_name {
        let here = classify::kinds_of_type(t)
            .iter()
            .any(|(d, k)| *d == dialect && *k == kind);
        let other = match dialect {
            Dialect::V1 => Dialect::V2,
            Dialect::V2 => Dialect::V1,
        };
        let there = classify::kinds_of_type(t)
            .iter()
            .any(|(d, k)| *d == other && *k == kind);
        if !here && there {
            dialect = other;
        }
    }
    let Some(entity) = cat.entity(dialect, kind) else {
        return dialect;
    };
    let start = obj.range.start;
    // Files written for `az datafactory ... --properties @file` hold only the `properties` object.
    let properties_only =
        json::get(obj, "properties").is_none() && json::get(obj, "type").is_some();
    let shape = if properties_only {
        entity.properties
    } else {
        entity.root
    };
    SchemaWalker {
        cat,
        dialect,
        syntax_ok,
        out,
    }
    .walk(obj, shape, TextRange::new(start, start + 1));
    dialect
}

/// A file given by path and text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The path (any separator; only used for classification and roots).
    pub path: &'a str,
    /// The text.
    pub text: &'a str,
}

/// Whether checking this file needs the layout of all files: a file of unknown kind (is it inside
/// a factory?) or an entity that does not tell its dialect (its factory's majority decides).
/// Every other file can be checked at once and its tree dropped.
pub fn needs_layout(class: &Classification) -> bool {
    match class.kind {
        FileKind::Unknown => true,
        FileKind::Entity(_) => class.dialect == DialectEvidence::Unknown,
        _ => false,
    }
}

/// A file checked at once, or kept until the layout is known.
#[derive(Debug)]
pub enum Step<'a> {
    /// The file's findings.
    Done(FileReport),
    /// The file, parsed, waiting for [`check_prepared`] with the layout.
    Deferred(Prepared<'a>),
}

/// Parses, classifies and, when the layout does not matter, checks one file.
pub fn check_early<'a>(
    path: &'a str,
    text: &'a str,
    options: &CheckOptions,
) -> (Classification, Step<'a>) {
    let prepared = prepare(path, text, options);
    let class = prepared.class;
    if needs_layout(&class) {
        (class, Step::Deferred(prepared))
    } else {
        (
            class,
            Step::Done(check_prepared(&prepared, &Layout::default())),
        )
    }
}

/// Checks a set of files in one thread. Most files are checked as soon as they are parsed, so
/// only the few that need the layout keep their tree until every file has been classified.
pub fn check_files(files: &[SourceFile<'_>], options: &CheckOptions) -> Vec<FileReport> {
    let mut classes = Vec::with_capacity(files.len());
    let mut steps = Vec::with_capacity(files.len());
    for f in files {
        let (class, step) = check_early(f.path, f.text, options);
        classes.push((f.path, class));
        steps.push(step);
    }
    finish(steps, Layout::new(classes))
}

/// Checks the deferred files with the layout and returns every report in input order.
pub fn finish(steps: Vec<Step<'_>>, layout: Layout) -> Vec<FileReport> {
    steps
        .into_iter()
        .map(|s| match s {
            Step::Done(r) => r,
            Step::Deferred(p) => check_prepared(&p, &layout),
        })
        .collect()
}
