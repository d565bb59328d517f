//! ## What it does
//! Reports a file larger than the size limit (16 MiB by default) and does not parse it.
//!
//! ## Why is this bad?
//! Data Factory entities are small: a large pipeline is a few hundred kilobytes. A file many
//! megabytes long is data or a generated dump that landed in the factory folder by mistake, and
//! analysing it would slow every check and every keystroke in the editor.
//!
//! This is a limit of this tool, not of Data Factory, so it is a warning: nothing is claimed
//! about the file, except that it was not checked (`--deny-warnings` makes CI fail on it; raise
//! the limit with `adf check --max-file-size` when the file is meant to be there).
//!
//! ## Example
//! A 50 MB `dataset/export.json` holding exported rows instead of a dataset definition.
//!
//! Use instead: keep data out of the factory's git folder, or exclude the path from checking.
//! ```json
//! {
//!     "name": "Export",
//!     "properties": {
//!         "type": "Json",
//!         "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"}
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0003",
    name: "file-too-large",
    severity: Severity::Warning,
    summary: "the file is larger than the size limit and was not analysed",
    source: "src/rules/file_too_large.rs",
};

/// The finding for an oversized file.
pub(crate) fn diagnostic(message: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        TextRange::new(0, 0),
        format!("{message}; the file was not analysed"),
    )
}
