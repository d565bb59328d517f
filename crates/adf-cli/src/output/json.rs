//! `--format json`: one object with every diagnostic (1-based lines, columns in characters).
//! Its JSON Schema (`adf schema`) is published as docs/adf-check.schema.json.

use super::located;
use crate::baseline::fingerprint;
use crate::check::{count, RunResult};
use schemars::JsonSchema;
use serde::Serialize;

/// One finding.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct JsonDiagnostic<'a> {
    /// The file, as given on the command line (relative to the current folder), `/` separators.
    file: &'a str,
    /// 1-based line where the finding starts.
    line: u32,
    /// 1-based column (in characters) where it starts.
    column: u32,
    /// 1-based line where it ends.
    end_line: u32,
    /// 1-based column (in characters) just past its end.
    end_column: u32,
    /// `error`, `warning`, `info` or `hint` (after configuration).
    #[schemars(regex(pattern = "^(error|warning|info|hint)$"))]
    severity: &'static str,
    /// The rule's stable code, e.g. `ADF0104`.
    #[schemars(regex(pattern = "^ADF[0-9]{4}$"))]
    code: &'static str,
    /// The rule's stable name, e.g. `invalid-value`.
    rule: &'static str,
    /// What is wrong (never echoes a secret).
    message: &'a str,
    /// Identifies the finding across line moves: a hash of rule, file, entity and message.
    fingerprint: String,
}

/// A file that could not be checked.
#[derive(Serialize, JsonSchema)]
struct JsonError<'a> {
    /// The file (or folder), as found.
    file: &'a str,
    /// Why it could not be checked.
    message: &'a str,
}

/// Counts of the run.
#[derive(Serialize, JsonSchema)]
struct Summary {
    /// Files looked at (checked or not readable).
    files: usize,
    /// Entities defined by the checked files.
    entities: usize,
    /// Error findings plus files that could not be checked.
    errors: usize,
    /// Warning findings.
    warnings: usize,
    /// Findings left out because the baseline holds them.
    hidden: usize,
}

/// The output of `adf check --format json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "adf check --format json")]
struct Output<'a> {
    /// Every finding, file by file in text order.
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Files that could not be checked (unreadable, not UTF-8, vanished, symbolic link loop).
    errors: Vec<JsonError<'a>>,
    /// Counts.
    summary: Summary,
}

/// Renders the run as the JSON contract of design.md.
pub fn render(result: &RunResult) -> String {
    let diagnostics = located(result)
        .map(|l| JsonDiagnostic {
            file: &l.checked.report.path,
            line: l.start.0,
            column: l.start.1,
            end_line: l.end.0,
            end_column: l.end.1,
            severity: l.diagnostic.severity.as_str(),
            code: l.diagnostic.rule.code,
            rule: l.diagnostic.rule.name,
            message: &l.diagnostic.message,
            fingerprint: fingerprint(l.checked, l.diagnostic),
        })
        .collect();
    let (errors, warnings) = count(result);
    let out = Output {
        diagnostics,
        errors: result
            .errors
            .iter()
            .map(|e| JsonError {
                file: &e.file,
                message: &e.message,
            })
            .collect(),
        summary: Summary {
            files: result.checked.len() + result.errors.len(),
            entities: result.checked.iter().map(|c| c.report.entities).sum(),
            errors: errors + result.errors.len(),
            warnings,
            hidden: result.hidden,
        },
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The JSON Schema of [`render`]'s output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Output<'static>);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
