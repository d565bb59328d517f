//! ## What it does
//! Reports a reference to an entity that does not exist in the factory: a dataset's
//! `linkedServiceName`, an activity's inputs and outputs, a Key Vault secret's `store`,
//! `connectVia`, ExecutePipeline's `pipeline`, a trigger's pipelines, a data flow's sources and
//! sinks, credentials, and the bare names of v1 (`linkedServiceName`, `inputs`/`outputs` by
//! `name`, Azure ML web-service datasets). Names are compared without regard to case, as Data
//! Factory compares them, and the nearest existing names are suggested.
//!
//! Built-in names always exist: `AutoResolveIntegrationRuntime`, and in a Synapse workspace
//! its default storage and SQL linked services (`<workspace>-WorkspaceDefaultStorage`,
//! `<workspace>-WorkspaceDefaultSqlServer`). References computed by an expression are not
//! checked. ARM templates are checked against the resources of the templates beside them.
//! When the name is defined in another factory root of the checked tree (two roots side by
//! side, such as a `templates/` folder a deploy script copies into `workspace/`), the message
//! says where; `[[factory]] folders = [...]` in `adf.toml` declares such folders one factory
//! (see docs/configuration.md), and names then resolve across them.
//! When the name exists as another kind of entity, incompatible-reference reports it instead.
//!
//! ## Why is this bad?
//! Data Factory refuses to publish or deploy an entity whose reference names nothing: the
//! service answers `BadRequest`, "The document creation or update failed because of invalid
//! reference".
//!
//! ## Evidence
//! - https://github.com/MicrosoftDocs/azure-docs/issues/36750: publishing failed with
//!   `BadRequest` and "invalid reference" for each missing entity.
//! - https://github.com/liprec/vsts-publish-adf/issues/52: deploying a linked service whose Key
//!   Vault `store` names a linked service not yet deployed was refused with the same error (the
//!   service compares names without case).
//! - https://github.com/MicrosoftDocs/azure-docs/issues/43395: publishing a trigger that names
//!   a missing pipeline failed.
//!
//! ## Example
//! `dataset/Sales.json` in a factory whose linked service is `SalesStorage`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Json",
//!         "linkedServiceName": {"referenceName": "SalesStorag", "type": "LinkedServiceReference"},
//!         "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "sales"}}
//!     }
//! }
//! ```
//!
//! Use instead: `dataset/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "Json",
//!         "linkedServiceName": {"referenceName": "SalesStorage", "type": "LinkedServiceReference"},
//!         "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "sales"}}
//!     }
//! }
//! ```
//!
//! `linkedService/SalesStorage.json` (beside both):
//! ```json
//! {"name": "SalesStorage", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://sales.blob.core.windows.net"}}}
//! ```

use super::{incompatible_reference, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::layout::Flavor;
use crate::model::FileModel;
use crate::suggest;
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0201",
    name: "unresolved-reference",
    severity: Severity::Error,
    summary: "the named entity does not exist (nearest existing names suggested)",
    source: "src/rules/unresolved_reference.rs",
};

/// Kinds a name may wrongly belong to, checked when a reference does not resolve.
const KINDS: &[EntityKind] = &[
    EntityKind::LinkedService,
    EntityKind::Dataset,
    EntityKind::Pipeline,
    EntityKind::DataFlow,
    EntityKind::IntegrationRuntime,
    EntityKind::Credential,
    EntityKind::Trigger,
];

/// Names that exist without a file: the auto-resolve runtime, Synapse's workspace defaults.
pub(crate) fn is_builtin(kind: EntityKind, name: &str, flavor: Flavor) -> bool {
    match kind {
        EntityKind::IntegrationRuntime => {
            name.eq_ignore_ascii_case("AutoResolveIntegrationRuntime")
        }
        EntityKind::LinkedService if flavor == Flavor::Synapse => {
            let lower = name.to_ascii_lowercase();
            lower.ends_with("-workspacedefaultstorage")
                || lower.ends_with("-workspacedefaultsqlserver")
        }
        _ => false,
    }
}

/// Checks every reference of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in &model.refs {
        if is_builtin(r.target, &r.name, ctx.flavor()) || !ctx.lookup(r.target, &r.name).is_empty()
        {
            continue;
        }
        let other = KINDS
            .iter()
            .copied()
            .filter(|k| *k != r.target)
            .find(|k| !ctx.lookup(*k, &r.name).is_empty());
        if let Some(other) = other {
            out.push(incompatible_reference::wrong_kind(r, other));
            continue;
        }
        let names = ctx.names(r.target);
        let near = suggest::nearest(&r.name, names.iter().copied(), 3);
        let elsewhere = if ctx.in_arm_scope() {
            Vec::new()
        } else {
            ctx.anywhere(r.target, &r.name)
        };
        let hint = if let Some(first) = elsewhere.first().map(|p| ctx.shown(p)) {
            let more = match elsewhere.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            format!(
                "; {} {} of that name is in `{first}`{more}, which belongs to another factory \
                 root: if the folders form one factory, declare them in adf.toml \
                 (`[[factory]] folders = [...]`)",
                article(r.target.words()),
                r.target.words()
            )
        } else if near.is_empty() {
            match names.as_slice() {
                [] => format!("; this factory has no {}", r.target.words()),
                [only] => format!("; its only {} is `{only}`", r.target.words()),
                _ => format!(
                    "; none of its {} {}s has a close name",
                    names.len(),
                    r.target.words()
                ),
            }
        } else {
            suggest::did_you_mean(&near)
        };
        out.push(
            Diagnostic::new(
                &RULE,
                r.range,
                format!(
                    "no {} named `{}` in this factory{hint}",
                    r.target.words(),
                    r.name
                ),
            )
            .with_suggestion(&near),
        );
    }
}

fn article(words: &str) -> &'static str {
    if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
