//! ## What it does
//! Reports a `type` discriminator that the catalog does not know: the `type` of a linked
//! service, dataset, activity, trigger, data flow, integration runtime or credential, and of
//! nested polymorphic objects such as a copy `source`/`sink`, store settings, format settings
//! or a dataset `location`.
//!
//! When the value is close to a known type it is taken for a typo and reported with the
//! nearest known types: an error for the type of an entity or an activity, a warning for a
//! nested settings object (Data Factory ignores settings of a type it does not know, so the
//! typo silently drops them; Microsoft's own template gallery carries such typos). Otherwise it is reported as a warning naming the catalog's schema
//! snapshot: Microsoft keeps adding connectors, so a type newer than the snapshot may be real.
//! Either way, the properties of an unknown type are not checked.
//!
//! ## Why is this bad?
//! Data Factory rejects an entity whose type it does not know when publishing.
//!
//! ## Example
//! `linkedService/SalesBlob.json`:
//! ```json
//! {
//!     "name": "SalesBlob",
//!     "properties": {
//!         "type": "AzureBlobStorge",
//!         "typeProperties": {"serviceEndpoint": "https://sales.blob.core.windows.net"}
//!     }
//! }
//! ```
//!
//! Use instead: `linkedService/SalesBlob.json`:
//! ```json
//! {
//!     "name": "SalesBlob",
//!     "properties": {
//!         "type": "AzureBlobStorage",
//!         "typeProperties": {"serviceEndpoint": "https://sales.blob.core.windows.net"}
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::suggest;

pub static RULE: Rule = Rule {
    code: "ADF0101",
    name: "unknown-type",
    severity: Severity::Error,
    summary: "the `type` is unknown: error when close to a known type, else a warning",
    source: "src/rules/unknown_type.rs",
};

/// The finding for an unknown discriminator `value` of the union `what` (e.g. "linked service").
pub(crate) fn diagnostic<'c>(
    range: TextRange,
    value: &str,
    what: &str,
    known: impl IntoIterator<Item = &'c str>,
    snapshot: &str,
    entity_level: bool,
) -> Diagnostic {
    let near = suggest::nearest(value, known, 3);
    if !near.is_empty() && !entity_level {
        // Data Factory ignores settings objects of a type it does not know (Microsoft's own
        // template gallery carries `AzureBlobStorageReadSetting`), so a typo there loses the
        // settings silently rather than failing: a warning.
        let mut d = Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{value}` is not a known type of {what}{}; Data Factory ignores settings of an unknown type",
                suggest::did_you_mean(&near)
            ),
        );
        d.severity = Severity::Warning;
        return d.with_suggestion(&near);
    }
    if near.is_empty() {
        let mut d = Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{value}` is not a type of {what} known to the catalog ({snapshot}); if it is \
                 newer than that snapshot, its properties are not checked"
            ),
        );
        d.severity = Severity::Warning;
        d
    } else {
        Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{value}` is not a known type of {what}{}",
                suggest::did_you_mean(&near)
            ),
        )
        .with_suggestion(&near)
    }
}
