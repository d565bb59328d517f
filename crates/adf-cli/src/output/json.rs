//! `--format json`: one object with every diagnostic (1-based lines, columns in characters).

use super::source::Source;
use crate::check::{count, RunResult};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    severity: &'static str,
    code: &'static str,
    rule: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    file: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    entities: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

/// Renders the run as the JSON contract of design.md.
pub fn render(result: &RunResult) -> String {
    let mut diagnostics = Vec::new();
    for c in &result.checked {
        if c.report.diagnostics.is_empty() {
            continue;
        }
        let source = Source::of(c);
        for d in &c.report.diagnostics {
            let (line, column) = source.position(d.range.start);
            let (end_line, end_column) = source.position(d.range.end);
            diagnostics.push(JsonDiagnostic {
                file: &c.report.path,
                line,
                column,
                end_line,
                end_column,
                severity: d.severity.as_str(),
                code: d.rule.code,
                rule: d.rule.name,
                message: &d.message,
            });
        }
    }
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
        },
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
