//! ## What it does
//! Reports a property that the entity's or object's type does not have, with the nearest valid
//! names. Property names are matched the way Data Factory matches them, without regard to case.
//! Objects whose shape is open (maps such as `parameters`, types known only from the catalog's
//! overlay, objects of an unknown `type`) are not checked.
//!
//! ## Why is this bad?
//! Data Factory ignores properties it does not know. A misspelled `typeProperties` member is
//! silently dropped, and the setting the author meant never takes effect.
//!
//! ## Example
//! `dataset/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "AzureSqlTable",
//!         "linkedServiceName": {"referenceName": "SalesDb", "type": "LinkedServiceReference"},
//!         "typeProperties": {"shema": "dbo", "table": "Sales"}
//!     }
//! }
//! ```
//!
//! Use instead: `dataset/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "AzureSqlTable",
//!         "linkedServiceName": {"referenceName": "SalesDb", "type": "LinkedServiceReference"},
//!         "typeProperties": {"schema": "dbo", "table": "Sales"}
//!     }
//! }
//! ```
//!
//! `linkedService/SalesDb.json` (beside both):
//! ```json
//! {"name": "SalesDb", "properties": {"type": "AzureSqlDatabase", "typeProperties": {"connectionString": "Server=tcp:sales.database.windows.net;Database=sales;"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::suggest;

pub static RULE: Rule = Rule {
    code: "ADF0102",
    name: "unknown-property",
    severity: Severity::Warning,
    summary: "a property that the type does not have (nearest valid names)",
    source: "src/rules/unknown_property.rs",
};

/// The finding for property `name` not found in the shape called `shape`.
pub(crate) fn diagnostic<'c>(
    range: TextRange,
    name: &str,
    shape: &str,
    known: impl IntoIterator<Item = &'c str>,
) -> Diagnostic {
    let near = suggest::nearest(name, known, 3);
    let hint = if near.is_empty() {
        "; Data Factory ignores it".to_string()
    } else {
        suggest::did_you_mean(&near)
    };
    Diagnostic::new(
        &RULE,
        range,
        format!("unknown property `{name}` in {shape}{hint}"),
    )
    .with_suggestion(&near)
}
