//! ## What it does
//! Reports a property that the entity's or object's type does not have in the catalog.
//! Property names are matched the way Data Factory matches them, without regard to case.
//! Objects whose shape is open (maps such as `parameters`, types known only from the catalog's
//! overlay, objects of an unknown `type`) are not checked.
//!
//! The published schemas lag what ADF Studio writes, so an unknown name is not necessarily
//! wrong. The severity says how sure the finding is:
//! - **warning**: the name is a near miss of a property the type has (one to three edits,
//!   depending on its length, ignoring case), reported with "did you mean". A misspelled
//!   member is almost certainly not the setting the author meant.
//! - **hint**: any other unknown name. It is not in the published schema the catalog was
//!   generated from; it may be newer than that snapshot, or a setting Studio writes but the
//!   schema omits. Names Studio writes or Microsoft documents are added to the catalog's overlay
//!   with their source (docs/catalog.md), so they draw no finding at all.
//!
//! ## Why is this bad?
//! A near miss of a real property name is very likely a typo: the property the author meant
//! is then absent, and its default applies instead of the intended value.
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
    summary: "a property the type does not have: warning for a near miss, else a hint",
    source: "src/rules/unknown_property.rs",
};

/// The finding for property `name` not found in the shape called `shape`: a warning when it is
/// a near miss of a known name, else a hint.
pub(crate) fn diagnostic<'c>(
    range: TextRange,
    name: &str,
    shape: &str,
    known: impl IntoIterator<Item = &'c str> + Clone,
) -> Diagnostic {
    let typos = suggest::typos(name, known.clone(), 3);
    if !typos.is_empty() {
        return Diagnostic::new(
            &RULE,
            range,
            format!(
                "unknown property `{name}` in {shape}{}",
                suggest::did_you_mean(&typos)
            ),
        )
        .with_suggestion(&typos);
    }
    let related = suggest::nearest(name, known, 3);
    let also = if related.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = related.iter().map(|n| format!("`{n}`")).collect();
        format!(" (related: {})", list.join(", "))
    };
    let mut d = Diagnostic::new(
        &RULE,
        range,
        format!(
            "`{name}` is not in the published schema of {shape}{also}; it may be newer than the \
             schema, otherwise check the name"
        ),
    );
    d.severity = Severity::Hint;
    d
}
