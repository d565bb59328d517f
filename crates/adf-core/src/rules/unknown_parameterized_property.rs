//! ## What it does
//! Reports a property path in `arm-template-parameters-definition.json` (the custom
//! parameterization file of Data Factory's CI/CD) that names a property no entity of that
//! resource type has in the catalog. The path mirrors the entity's JSON (`properties`,
//! `typeProperties`, ...); since `typeProperties` differ from type to type, a name is accepted
//! when any type of the resource has it. `*` matches any property; a key under linked
//! services or datasets may also name a type (or `*`, any type). Where the catalog does not
//! describe a value (open shapes, types it knows only by name), nothing below is checked. At
//! the resource's own level, which an ARM resource keeps open (`apiVersion`, `dependsOn`...),
//! only near misses of its properties and type names are reported.
//!
//! The published schemas lag what ADF Studio writes, so the severity says how sure the
//! finding is, as for `unknown-property`:
//! - **warning**: the name is a near miss of a property (or type) that stands there
//!   (ignoring case), reported with "did you mean";
//! - **hint**: any other unknown name; it may be newer than the catalog's schema snapshot.
//!
//! The syntax of the file is checked by `invalid-parameterization`.
//!
//! ## Why is this bad?
//! Data Factory parameterizes the properties at the paths the file names. A path that matches
//! no property parameterizes nothing: the ARM template lacks the parameter the author meant,
//! and deployments keep the development value.
//!
//! ## Evidence
//! The file's paths follow the entity's properties under each resource type, and type names or
//! `*` select the linked services and datasets a definition applies to, per Microsoft's page on
//! custom parameters:
//! <https://learn.microsoft.com/en-us/azure/data-factory/continuous-integration-delivery-resource-manager-custom-parameters>.
//!
//! ## Example
//! `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurence": {"interval": "=:-interval:int"}}}
//!     }
//! }
//! ```
//!
//! Use instead: `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurrence": {"interval": "=:-interval:int"}}}
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::suggest;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0131",
    name: "unknown-parameterized-property",
    severity: Severity::Warning,
    summary: "a parameterization path through a property the resource type does not have: \
              warning for a near miss, else a hint",
    source: "src/rules/unknown_parameterized_property.rs",
};

/// Where a key stands, for messages: "linked services" or "`properties/typeProperties` of
/// linked services".
fn place(path: &str, kind: EntityKind) -> String {
    let kinds = format!("{}s", kind.words());
    if path.is_empty() {
        kinds
    } else {
        format!("`{path}` of {kinds}")
    }
}

/// The finding for `key` under `path`, where the catalog knows the names `known`: a warning
/// when it is a near miss of one of them, else a hint.
pub(crate) fn diagnostic<'c>(
    range: TextRange,
    key: &str,
    path: &str,
    kind: EntityKind,
    known: impl IntoIterator<Item = &'c str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let typos = suggest::typos(key, known.iter().copied(), 3);
    let place = place(path, kind);
    if !typos.is_empty() {
        return Diagnostic::new(
            &RULE,
            range,
            format!(
                "no property `{key}` under {place}, so this definition parameterizes nothing{}",
                suggest::did_you_mean(&typos)
            ),
        )
        .with_suggestion(&typos);
    }
    let mut d = Diagnostic::new(
        &RULE,
        range,
        format!(
            "`{key}` is not in the published schema under {place}; it may be newer than the \
             schema, otherwise check the name: a path that matches no property parameterizes \
             nothing"
        ),
    );
    d.severity = Severity::Hint;
    d
}

/// The finding for a key at a resource's own level that is a near miss of one of its
/// properties or (`typed`: linked services, datasets...) of a type name.
pub(crate) fn unknown_at_resource_level(
    range: TextRange,
    key: &str,
    kind: EntityKind,
    typed: bool,
    typos: &[&str],
) -> Diagnostic {
    let what = if typed {
        "neither a property nor a type"
    } else {
        "not a property"
    };
    Diagnostic::new(
        &RULE,
        range,
        format!(
            "`{key}` is {what} of {}s, so this definition applies to nothing{}",
            kind.words(),
            suggest::did_you_mean(typos)
        ),
    )
    .with_suggestion(typos)
}
