//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! The runner reads a command only at the start of a line, so escaping line breaks keeps text
//! from the files inside its annotation. Escapes as the Actions toolkit writes them
//! (`escapeData` and `escapeProperty` in
//! https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).

use super::{located, summary_line};
use crate::check::RunResult;
use adf_core::Severity;

/// Escapes a command's message (GitHub's rules: `%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,` which separate properties.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders every finding as `::error file=...,line=...::message` and a summary line.
pub fn render(result: &RunResult) -> String {
    let mut out = String::new();
    for e in &result.errors {
        out.push_str(&format!(
            "::error file={},title={}::{}\n",
            property(&e.file),
            property("file not checked"),
            data(&e.message)
        ));
    }
    for l in located(result) {
        let d = l.diagnostic;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&l.checked.report.path),
            l.start.0,
            l.start.1,
            l.end.0,
            l.end.1,
            property(&format!("{} {}", d.rule.code, d.rule.name)),
            data(&d.message)
        ));
    }
    out.push_str(&summary_line(result));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
