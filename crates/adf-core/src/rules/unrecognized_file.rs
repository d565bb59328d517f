//! ## What it does
//! Reports a JSON file inside a factory folder that is no Data Factory entity, no ARM template
//! and no known tooling file (publish_config.json, ARM parameter files, package.json, ...).
//! A file's kind is found from its git folder (`pipeline/`, `dataset/`, ...), its `$schema`, an
//! ARM resource `type`, or its shape (`properties.activities` makes a pipeline, and so on).
//! Files outside any detected factory are never reported.
//!
//! ## Why is this bad?
//! A stray JSON file in a factory is usually a half-finished entity without `properties`, or an
//! entity saved under the wrong folder; it is silently ignored when the factory is published.
//!
//! ## Example
//! `pipeline/notes.json` in a factory folder:
//! ```json
//! {"owner": "data-team", "todo": ["add retries"]}
//! ```
//!
//! Use instead: keep notes outside the factory folder, or give the file an entity's shape.
//! ```json
//! {"name": "Notes", "properties": {"activities": [], "annotations": ["owner: data-team"]}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0004",
    name: "unrecognized-file",
    severity: Severity::Warning,
    summary: "a JSON file in a factory that is no ADF entity",
    source: "src/rules/unrecognized_file.rs",
};

/// The finding for a file of unknown kind inside a factory.
pub(crate) fn diagnostic(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        range,
        "this JSON file is inside a factory but is no Data Factory entity (no `name` and \
         `properties` of a known kind); move it out of the factory folder or complete the entity",
    )
}
