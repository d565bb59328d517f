//! Test fixtures as data: several files in one string, each after a `//- path` header, with the
//! expected findings written as JSONC comments under the line they point at:
//!
//! ```text
//! //- factory/pipeline/P.json
//! {"name": "P", "properties": {"concurrency": "two", "activities": []}}
//! //                                          ^ invalid-value
//! ```
//!
//! The caret's column is the column where the finding starts on the nearest line above that is
//! not an annotation. Annotation lines are comments, which the JSONC parser skips.

use adf_core::{check_files, CheckOptions, FileReport, Rule, SourceFile};

/// One file of a fixture.
pub struct FixtureFile {
    pub path: String,
    pub text: String,
}

/// Splits a fixture into files.
pub fn files(fixture: &str) -> Vec<FixtureFile> {
    adf_core::fixture::parse(fixture)
        .files
        .into_iter()
        .map(|(path, text)| FixtureFile { path, text })
        .collect()
}

fn annotation(line: &str) -> Option<(usize, String)> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("//")?;
    let caret = rest.trim_start();
    let rule = caret.strip_prefix('^')?.trim_start_matches('^').trim();
    let col = line.chars().count() - caret.chars().count();
    Some((col, rule.to_string()))
}

/// The findings a fixture announces: `path:line:column rule` (1-based), sorted.
pub fn expected(files: &[FixtureFile]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let mut target = 0;
        for (n, line) in f.text.lines().enumerate() {
            match annotation(line) {
                Some((col, rule)) => {
                    out.push(format!("{}:{}:{} {rule}", f.path, target + 1, col + 1))
                }
                None => target = n,
            }
        }
    }
    out.sort();
    out
}

/// Checks the fixture's files together and returns the reports.
pub fn check(files: &[FixtureFile]) -> Vec<FileReport> {
    check_with(files, &CheckOptions::default())
}

/// Checks the fixture's files together under these options and returns the reports.
pub fn check_with(files: &[FixtureFile], options: &CheckOptions) -> Vec<FileReport> {
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|f| SourceFile {
            path: &f.path,
            text: &f.text,
        })
        .collect();
    check_files(&sources, options)
}

/// The findings of a check as `path:line:column rule` (1-based, columns in characters), sorted,
/// keeping only those of rules `keep` accepts.
pub fn actual_of(
    files: &[FixtureFile],
    reports: &[FileReport],
    keep: &dyn Fn(&Rule) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for (f, r) in files.iter().zip(reports) {
        let index = adf_syntax::LineIndex::new(&f.text);
        for d in r.diagnostics.iter().filter(|d| keep(d.rule)) {
            let pos = index.to_chars(&f.text, d.range.start);
            out.push(format!(
                "{}:{}:{} {}",
                f.path,
                pos.line + 1,
                pos.col + 1,
                d.rule.name
            ));
        }
    }
    out.sort();
    out
}

/// Asserts that a fixture's findings are exactly its annotations.
#[track_caller]
#[allow(dead_code)]
pub fn assert_findings(fixture: &str) -> Vec<FileReport> {
    assert_findings_of(fixture, &|_| true)
}

/// Asserts that a fixture's findings of the rules `keep` accepts are exactly its annotations.
#[track_caller]
pub fn assert_findings_of(fixture: &str, keep: &dyn Fn(&Rule) -> bool) -> Vec<FileReport> {
    assert_findings_with(fixture, &CheckOptions::default(), keep)
}

/// [`assert_findings_of`] under these options.
#[track_caller]
pub fn assert_findings_with(
    fixture: &str,
    options: &CheckOptions,
    keep: &dyn Fn(&Rule) -> bool,
) -> Vec<FileReport> {
    let files = files(fixture);
    let reports = check_with(&files, options);
    let messages: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .map(move |d| format!("{}: {}", r.path, d.message))
        })
        .collect();
    assert_eq!(
        actual_of(&files, &reports, keep),
        expected(&files),
        "messages: {messages:#?}"
    );
    reports
}
