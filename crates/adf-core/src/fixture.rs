//! Fixtures as text, for the tests of the core and of its adapters: several files in one string,
//! each after a `//- path` line, and optionally a `$0` cursor marker in one of them (removed
//! from the text; its byte offset is kept).

use crate::check::{CheckOptions, SourceFile};
use crate::workspace::Workspace;

/// The files of a fixture and where its cursor is.
#[derive(Debug, Clone, Default)]
pub struct Fixture {
    /// (path, text) in the order written.
    pub files: Vec<(String, String)>,
    /// The file and byte offset of the `$0` marker, if there is one.
    pub cursor: Option<(String, usize)>,
}

/// Splits a fixture into files and finds its cursor.
pub fn parse(fixture: &str) -> Fixture {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.trim().strip_prefix("//- ") {
            files.push((path.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    let mut cursor = None;
    for (path, text) in &mut files {
        if let Some(i) = text.find("$0") {
            text.replace_range(i..i + 2, "");
            cursor = Some((path.clone(), i));
        }
    }
    Fixture { files, cursor }
}

impl Fixture {
    /// The files as sources for a check.
    pub fn sources(&self) -> Vec<SourceFile<'_>> {
        self.files
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect()
    }

    /// A workspace holding the files, checked.
    pub fn workspace(&self) -> Workspace {
        Workspace::with_files(CheckOptions::default(), &self.sources())
    }
}
