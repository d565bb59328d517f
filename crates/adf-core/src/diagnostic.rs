//! Findings as plain data: a rule, a severity, a byte range and a message.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something that will fail to publish or run.
    Error,
    /// Likely a mistake, or something the tool could not check.
    Warning,
    /// Worth knowing.
    Info,
    /// A quiet suggestion (editors show it faintly).
    Hint,
}

impl Severity {
    /// Lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A half-open byte range `[start, end)` in a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl TextRange {
    /// A range from two offsets (swapped if given in the wrong order).
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start.min(end),
            end: start.max(end),
        }
    }
}

impl From<adf_syntax::Range> for TextRange {
    fn from(r: adf_syntax::Range) -> Self {
        TextRange::new(r.start, r.end)
    }
}

/// A rule's metadata.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `ADF0001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `invalid-json`.
    pub name: &'static str,
    /// Severity when the configuration says nothing.
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Path of the rule's source file relative to the crate root (its doc comment is the doc page).
    pub source: &'static str,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that produced it.
    pub rule: &'static Rule,
    /// Its severity (the rule's default unless configured otherwise).
    pub severity: Severity,
    /// Where in the file.
    pub range: TextRange,
    /// What is wrong and what to do.
    pub message: String,
    /// The name the message suggests ("did you mean") in place of the name at `range`, as a
    /// bare name (the code action writes it in the form the span needs).
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// A finding at the rule's default severity; over-long quoted input in the message is cut
    /// (`quote::clip_message`), whichever rule wrote it.
    pub fn new(rule: &'static Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            range,
            message: crate::quote::clip_message(message.into()),
            suggestion: None,
        }
    }

    /// The same finding with the first of the suggested names, if any, as its fix.
    pub fn with_suggestion(mut self, near: &[&str]) -> Self {
        self.suggestion = near.first().map(|s| (*s).to_string());
        self
    }
}
