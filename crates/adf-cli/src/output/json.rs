//! `--format json`: one object with every diagnostic (1-based lines, columns in characters).

use crate::check::{count, RunResult};
use adf_syntax::LineIndex;
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
    for (file, report) in &result.reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.text);
        for d in &report.diagnostics {
            let start = index.to_chars(&file.text, d.range.start);
            let end = index.to_chars(&file.text, d.range.end);
            diagnostics.push(JsonDiagnostic {
                file: &file.display,
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
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
            files: result.reports.len() + result.errors.len(),
            entities: result.reports.iter().map(|(_, r)| r.entities).sum(),
            errors: errors + result.errors.len(),
            warnings,
        },
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
