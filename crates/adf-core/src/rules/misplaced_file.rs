//! ## What it does
//! Points out an entity file that sits in the git folder of another kind: a trigger in
//! `pipeline/`, a linked service in `dataset/`. The file is recognised by its own `type` (a type
//! the catalog knows for another kind only) and checked as what it is, so its references and
//! properties are judged correctly; this hint only says where it sits. A pipeline (it has
//! `activities`) or a dataset (it has `linkedServiceName`) always stays what its folder says.
//!
//! ## Why is this bad?
//! ADF Studio writes each kind into its own folder (`pipeline/`, `trigger/`, `dataset/`, ...).
//! Files placed elsewhere, for example by a migration tool that writes `*.Trigger.json` next to
//! its pipelines, are easy to overlook and confuse people and tools that go by folder.
//!
//! ## Example
//! `f/pipeline/Nightly.Trigger.json`:
//! ```json
//! {"name": "Nightly", "properties": {"type": "ScheduleTrigger", "pipelines": [],
//!  "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1}}}}
//! ```
//!
//! Use instead: the same file as `f/trigger/Nightly.json`:
//! ```json
//! {"name": "Nightly", "properties": {"type": "ScheduleTrigger", "pipelines": [],
//!  "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1}}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0005",
    name: "misplaced-file",
    severity: Severity::Hint,
    summary: "an entity file in the git folder of another kind",
    source: "src/rules/misplaced_file.rs",
};

/// The finding for a file of kind `kind` in the folder of `folder`.
pub(crate) fn diagnostic(range: TextRange, kind: EntityKind, folder: EntityKind) -> Diagnostic {
    let article = if kind.words().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Diagnostic::new(
        &RULE,
        range,
        format!(
            "this file is in the {} folder, but its `type` is {article} {} type, so it is checked \
             as one; ADF Studio keeps each kind in its own folder, so move it there",
            folder.words(),
            kind.words(),
        ),
    )
}
