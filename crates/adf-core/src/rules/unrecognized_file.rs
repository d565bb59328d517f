//! ## What it does
//! Points out a JSON file inside a factory folder that is no Data Factory entity, no ARM template
//! and no known tooling file (publish_config.json, ARM parameter files, package.json, Visual
//! Studio's v1 deployment configurations, ...), and so was not checked. A file's kind is found
//! from its git folder (`pipeline/`, `dataset/`, ...), its `$schema`, an ARM resource `type`, or
//! its shape (`properties.activities` makes a pipeline, and so on). Only files where a factory
//! keeps its entities are looked at: its root folder and the layout's folders (`pipeline/`,
//! v1's `LinkedServices/`, ...). Files outside any detected factory, and files in other folders
//! below it that Data Factory never reads (an app's `config/`, a build's scripts), are never
//! reported.
//!
//! It is information, not a warning: nothing documented says that a stray JSON file makes
//! publishing or a run fail, and tools keep files of their own beside factories. It tells you
//! that this file was not analysed, which is worth knowing when it was meant to be an entity.
//!
//! ## Why is this bad?
//! A stray JSON file in a factory is often a half-finished entity without `properties`, or notes
//! that belong elsewhere; nothing in it is checked.
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
    severity: Severity::Info,
    summary: "a JSON file in a factory that is no ADF entity",
    source: "src/rules/unrecognized_file.rs",
};

/// The finding for a file of unknown kind inside a factory.
pub(crate) fn diagnostic(range: TextRange) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        range,
        "this JSON file is inside a factory but is no Data Factory entity (no `name` and \
         `properties` of a known kind), so it was not checked; move it out of the factory folder \
         or complete the entity",
    )
}
