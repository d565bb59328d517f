//! ## What it does
//! Reports a `type` discriminator that the catalog does not know: the `type` of a linked
//! service, dataset, activity, trigger, data flow, integration runtime or credential, and of
//! nested polymorphic objects such as a copy `source`/`sink`, store settings, format settings
//! or a dataset `location`. The properties of an unknown type are not checked.
//!
//! The severity says how sure the finding is:
//! - **error**: the type of an entity (linked service, dataset, trigger, data flow, integration
//!   runtime, credential, ...) is a near miss of a known type (one to three edits, depending on
//!   its length, ignoring case), reported with "did you mean". The service rejects a resource
//!   whose type it does not know (see Evidence).
//! - **warning**: the type of an activity or of a nested settings object is a near miss of a
//!   known type. It is very likely a typo, but this tool has no evidence of what Data Factory
//!   does with it (Microsoft's own template gallery carries `AzureBlobStorageReadSetting`).
//! - **hint**: a type with no near known type. Microsoft keeps adding connectors and activities,
//!   so a type newer than the catalog's schema snapshot (named in the message) may be real.
//!
//! ## Why is this bad?
//! A misspelled type names no connector or activity: the entity cannot be deployed, and a
//! misspelled nested type does not select the settings the author meant.
//!
//! ## Evidence
//! - MicrosoftDocs/azure-docs#47677 (https://github.com/MicrosoftDocs/azure-docs/issues/47677):
//!   deploying a linked service whose `type` is not a linked service type fails with
//!   "Invalid type 'LinkedService' is provided in 'linkedServices'. Please correct the type in
//!   payload and retry." (HTTP 400, BadRequest).
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
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0101",
    name: "unknown-type",
    severity: Severity::Error,
    summary: "the `type` is unknown: error for a near-miss entity type, warning for a near-miss activity or settings type, else a hint",
    source: "src/rules/unknown_type.rs",
};

/// The finding for an unknown discriminator `value` of the union `what` (e.g. "linked service");
/// `entity` is the kind of entity whose own `type` it is, if any.
pub(crate) fn diagnostic<'c>(
    range: TextRange,
    value: &str,
    what: &str,
    known: impl IntoIterator<Item = &'c str>,
    snapshot: &str,
    entity: Option<EntityKind>,
) -> Diagnostic {
    let near = suggest::typos(value, known, 3);
    if near.is_empty() {
        let mut d = Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{value}` is not a type of {what} in the catalog ({snapshot}); it may be newer \
                 than that snapshot, so its properties are not checked"
            ),
        );
        d.severity = Severity::Hint;
        return d;
    }
    let sure = entity.is_some_and(|k| k != EntityKind::Activity);
    let mut d = Diagnostic::new(
        &RULE,
        range,
        format!(
            "`{value}` is not a known type of {what}{}",
            suggest::did_you_mean(&near)
        ),
    )
    .with_suggestion(&near);
    if !sure {
        d.severity = Severity::Warning;
    }
    d
}
