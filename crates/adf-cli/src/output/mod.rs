//! Output formats of the CLI, and what they share: findings with their positions.

pub mod azure_devops;
pub mod github;
pub mod json;
pub mod sarif;
pub mod source;
pub mod text;

use crate::check::{count, Checked, RunResult};
use adf_core::Diagnostic;

/// A finding with its 1-based positions (columns in characters).
pub struct Located<'a> {
    /// The file it is in.
    pub checked: &'a Checked,
    /// The finding.
    pub diagnostic: &'a Diagnostic,
    /// Line and column where it starts.
    pub start: (u32, u32),
    /// Line and column where it ends.
    pub end: (u32, u32),
}

/// Every finding of a run, file by file in text order.
pub fn located(result: &RunResult) -> impl Iterator<Item = Located<'_>> {
    result.checked.iter().flat_map(|c| {
        c.report.diagnostics.iter().map(move |d| {
            let at = |offset| c.source.as_ref().map_or((1, 1), |s| s.position(offset));
            Located {
                checked: c,
                diagnostic: d,
                start: at(d.range.start),
                end: at(d.range.end),
            }
        })
    })
}

/// The closing line of the plain formats: files, errors, warnings (and hidden ones).
pub fn summary_line(result: &RunResult) -> String {
    let (errors, warnings) = count(result);
    let errors = errors + result.errors.len();
    let files = result.checked.len() + result.errors.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let hidden = if result.hidden > 0 {
        format!(" ({} hidden by the baseline)", result.hidden)
    } else {
        String::new()
    };
    format!(
        "checked {files} file{}: {errors} error{}, {warnings} warning{}{hidden}\n",
        plural(files),
        plural(errors),
        plural(warnings),
    )
}

/// The `adf rules` table.
pub fn rules_table() -> String {
    let mut out = format!(
        "{:<8} {:<28} {:<8} {}\n",
        "CODE", "RULE", "SEVERITY", "SUMMARY"
    );
    for r in adf_core::RULES {
        out.push_str(&format!(
            "{:<8} {:<28} {:<8} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    out
}
