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
            let line_from = index.line_start(first).unwrap_or(0);
            let to = index.line_end(last).min(text.len()).max(line_from);
            let (from, to) = near_the_span(text, line_from, to, d.range.start, d.range.end);
            let cropped = from > line_from;
            let source = text.get(from..to).unwrap_or("");
            #[cfg(test)]
            tests::GIVEN.with(|g| g.set(g.get() + source.len()));
            let span_start = d.range.start.saturating_sub(from).min(source.len());
            let span_end = d
                .range
                .end
                .saturating_sub(from)
                .clamp(span_start, source.len());
            let id = format!("{} {}", d.rule.code, d.rule.name);
            let path = report.path.as_str();
            let report = &[level(d.severity)
                .primary_title(d.message.as_str())
                .id(id.as_str())
                .element(
                    Snippet::source(source)
                        .line_start(first + 1)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span_start..span_end)),
                )];
            let rendered = renderer.render(report);
            if cropped {
                // The renderer counts the column from the cut: put back the line's own.
                let from_cut = source.get(..span_start).map_or(0, |s| s.chars().count());
                let wrong = format!("{path}:{}:{}", first + 1, from_cut + 1);
                let right = format!("{path}:{}:{}", first + 1, start.col + 1);
                out.push_str(&rendered.replacen(&wrong, &right, 1));
            } else {
                out.push_str(&rendered);
            }
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

/// Bytes of a long line shown before a finding's span; the renderer shortens what it prints
/// anyway, but reads all it is given, which made a minified file's findings quadratic.
const CONTEXT: usize = 512;

/// The part of `from..to` (whole lines) worth giving the renderer for the span `start..end`:
/// all of it, unless the span starts far into a long line.
fn near_the_span(text: &str, from: usize, to: usize, start: usize, end: usize) -> (usize, usize) {
    let mut cut = start.saturating_sub(CONTEXT).max(from);
    while cut > from && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut stop = end.saturating_add(CONTEXT).min(to).max(cut);
    while stop < to && !text.is_char_boundary(stop) {
        stop += 1;
    }
    (cut, stop)
}

/// The text with every secret span replaced by `*` (one per byte, so offsets stay valid): each
/// character that starts inside a span. Linear in the text and the spans, whatever their count.
fn mask(text: &str, secrets: &[adf_core::TextRange]) -> String {
    if secrets.is_empty() {
        return text.to_string();
    }
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    let mut bytes = text.as_bytes().to_vec();
    for r in secrets {
        let (start, end) = (ceil(r.start), ceil(r.end));
        if let Some(span) = bytes.get_mut(start..end.max(start)) {
            span.fill(b'*');
        }
    }
    // Whole characters were replaced by ASCII, so the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checked;
    use crate::output::source::Source;

    #[test]
    fn masking_replaces_whole_characters_that_start_in_a_span() {
        let r = |start, end| adf_core::TextRange::new(start, end);
        // "é" is two bytes: a span that starts inside it leaves it, one that covers its start
        // masks both bytes; offsets of the rest do not move.
        assert_eq!(mask("aébc", &[r(2, 4)]), "aé*c");
        assert_eq!(mask("aébc", &[r(1, 2)]), "a**bc");
        assert_eq!(mask("abc", &[r(1, 99), r(0, 1)]), "***");
    }

    thread_local! {
        /// Bytes of source handed to the renderer.
        pub(super) static GIVEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn a_long_line_is_handed_to_the_renderer_near_each_finding_only() {
        // A minified dataset: every property of typeProperties is unknown, all on line 1.
        let props: String = (0..2_000).map(|i| format!("\"x{i}\":1,")).collect();
        let text = format!(
            "{{\"name\":\"D\",\"properties\":{{\"type\":\"Binary\",\"typeProperties\":{{{props}\"location\":{{\"type\":\"AzureBlobStorageLocation\",\"container\":\"c\"}}}}}}}}"
        );
        let path = "f/dataset/D.json";
        let file = adf_core::SourceFile { path, text: &text };
        let mut reports = adf_core::check_files(&[file], &adf_core::CheckOptions::default());
        let report = reports.remove(0);
        let findings = report.diagnostics.len();
        assert!(findings >= 2_000, "{findings}");
        let last = text.rfind("\"x1999\"").unwrap_or(0);
        let result = RunResult {
            checked: vec![Checked {
                report,
                entities: Vec::new(),
                source: Some(Box::new(Source::new(text.clone()))),
                digest: None,
                fingerprint_path: path.to_string(),
            }],
            ..RunResult::default()
        };
        GIVEN.with(|g| g.set(0));
        let out = render(&result);
        let given = GIVEN.with(std::cell::Cell::get);
        // The whole line per finding would be 2 000 x 22 KB.
        assert!(
            given <= findings * (2 * CONTEXT + 64),
            "{given} bytes for {findings} findings"
        );
        // Columns still count from the line's start.
        assert!(
            out.contains(&format!("{path}:1:{}", last + 1)),
            "{out:.2000}"
        );
    }
}
