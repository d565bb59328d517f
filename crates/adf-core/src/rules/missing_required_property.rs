//! ## What it does
//! Reports a property that the entity's or object's type requires but that is absent, such as a
//! linked service's `typeProperties`, an AzureML linked service's `mlEndpoint` and `apiKey`, or a
//! dataset's `linkedServiceName`. It is not reported while the file has JSON syntax errors, since
//! the property may sit in the part that could not be read.
//!
//! What is required comes from the published schema's `required` lists, corrected by the
//! catalog's overlay with a source for each change (docs/catalog.md): for example a Stored
//! Procedure activity's `linkedServiceName` (the database that holds the procedure) is required
//! by its documentation page although the schema leaves it optional.
//!
//! ## Why is this bad?
//! Microsoft's published schema marks the property required, and the entity very likely does
//! not work without it. The schemas and the documentation's "Required" columns are not
//! everywhere what the service enforces (the documentation marks an activity's `description` as
//! required), so this is a warning.
//!
//! ## Example
//! ```json
//! {
//!     "name": "ScoringService",
//!     "properties": {
//!         "type": "AzureML",
//!         "typeProperties": {"apiKey": "<api-key>"}
//!     }
//! }
//! ```
//!
//! Use instead:
//! ```json
//! {
//!     "name": "ScoringService",
//!     "properties": {
//!         "type": "AzureML",
//!         "typeProperties": {
//!             "mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/ws/services/svc/jobs",
//!             "apiKey": "<api-key>"
//!         }
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0103",
    name: "missing-required-property",
    severity: Severity::Warning,
    summary: "a property the type requires is absent",
    source: "src/rules/missing_required_property.rs",
};

/// The finding for `missing` properties of the object called `shape`.
pub(crate) fn diagnostic(range: TextRange, missing: &[&str], shape: &str) -> Diagnostic {
    let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    let (noun, verb) = if missing.len() == 1 {
        ("property", "is")
    } else {
        ("properties", "are")
    };
    Diagnostic::new(
        &RULE,
        range,
        format!(
            "required {noun} {} {verb} missing in {shape}; add {}",
            list.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    )
}
