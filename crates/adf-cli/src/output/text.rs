//! `--format text`: findings with a source snippet underlining each fault.

use super::summary_line;
use crate::check::RunResult;
use adf_core::Severity;
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

/// Lines of context shown at most per finding (long spans are cut).
const MAX_SNIPPET_LINES: usize = 6;

/// Renders every finding and a summary line.
pub fn render(result: &RunResult) -> String {
    let renderer = if std::env::var_os("NO_COLOR").is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for e in &result.errors {
        out.push_str(&format!("error: {}: {}\n\n", e.file, e.message));
    }
    for c in &result.checked {
        let report = &c.report;
        if report.diagnostics.is_empty() {
            continue;
        }
        let Some(source) = &c.source else {
            // The text changed since it was checked: findings without a source to point into.
            for d in &report.diagnostics {
                let id = format!("{} {}", d.rule.code, d.rule.name);
                let report = &[level(d.severity)
                    .primary_title(d.message.as_str())
                    .id(id.as_str())
                    .element(Origin::path(report.path.as_str()))];
                out.push_str(&renderer.render(report));
                out.push_str("\n\n");
            }
            continue;
        };
        let masked = mask(&source.text, &report.secrets);
        let text = masked.as_str();
        let index = &source.index;
        // A text that is not JSON may be anything (a link to the environment, a key file):
        // show no more of it than the line of each fault.
        let max_lines = if report
            .diagnostics
            .iter()
            .any(|d| d.rule.name == "invalid-json")
        {
            1
        } else {
            MAX_SNIPPET_LINES
        };
        for d in &report.diagnostics {
            let start = index.to_chars(text, d.range.start);
            let end = index.to_chars(text, d.range.end);
            let first = start.line as usize;
            let last = (end.line as usize).min(first + max_lines - 1);
            let from = index.line_start(first).unwrap_or(0);
            let to = index.line_end(last).min(text.len()).max(from);
            let source = text.get(from..to).unwrap_or("");
            let span_start = d.range.start.saturating_sub(from).min(source.len());
            let span_end = d
                .range
                .end
                .saturating_sub(from)
                .clamp(span_start, source.len());
            let id = format!("{} {}", d.rule.code, d.rule.name);
            let report = &[level(d.severity)
                .primary_title(d.message.as_str())
                .id(id.as_str())
                .element(
                    Snippet::source(source)
                        .line_start(first + 1)
                        .path(report.path.as_str())
                        .annotation(AnnotationKind::Primary.span(span_start..span_end)),
                )];
            out.push_str(&renderer.render(report));
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary_line(result));
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP,
    }
}

/// The text with every secret span replaced by `*` (one per byte, so offsets stay valid).
fn mask(text: &str, secrets: &[adf_core::TextRange]) -> String {
    if secrets.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if secrets.iter().any(|r| r.start <= i && i < r.end) {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}
