//! ## What it does
//! Reports two entities of one kind with the same name in a factory, compared without regard to
//! case as Data Factory compares names: two pipelines `Load` and `load`, or two linked services
//! of one name in different files. Inside an ARM template, two resources of one kind and name in
//! the same template are reported; templates beside each other may deploy the same resource.
//!
//! ## Why is this bad?
//! Linked services, datasets, pipelines, data flows, triggers and integration runtimes are
//! unique by name within a factory, and names are compared without regard to case. Two files
//! that define one name cannot both be deployed: in an ARM template they are the same resource
//! defined twice, which Azure Resource Manager rejects.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/naming-rules: names of linked services,
//!   datasets, pipelines, data flows and integration runtimes are unique within a factory and
//!   case-insensitive.
//! - https://github.com/Azure/bicep/issues/13555: an ARM deployment fails template validation
//!   with `InvalidTemplate` when one resource is "defined multiple times in a template".
//! - corpus/v1/adf-samplesv1-analysis-services: three alternative pipeline files share one name
//!   (pinned in tests/corpus.rs).
//!
//! ## Example
//! `linkedService/Storage.json` and `linkedService/storage-copy.json`, both holding:
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://a.blob.core.windows.net"}}}
//! ```
//!
//! Use instead: give each entity its own name (and file name).
//! ```json
//! {"name": "ArchiveStorage", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://b.blob.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileModel;
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0209",
    name: "duplicate-name",
    severity: Severity::Error,
    summary: "two entities of one kind share a name (case-insensitive)",
    source: "src/rules/duplicate_name.rs",
};

/// Checks the entities of a file against the others of its factory.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (i, e) in model.entities.iter().enumerate() {
        if e.name.is_empty()
            || matches!(
                e.kind,
                EntityKind::Factory | EntityKind::GlobalParameters | EntityKind::Activity
            )
        {
            continue;
        }
        if ctx.in_arm_scope() {
            let earlier = model.entities[..i]
                .iter()
                .any(|o| o.kind == e.kind && o.name.eq_ignore_ascii_case(&e.name));
            if earlier {
                out.push(Diagnostic::new(
                    &RULE,
                    e.name_range,
                    format!(
                        "this template already defines a {} named `{}`; rename one",
                        e.kind.words(),
                        e.name
                    ),
                ));
            }
            continue;
        }
        let found = ctx.lookup(e.kind, &e.name);
        if found.len() < 2 {
            continue;
        }
        let mut others: Vec<String> = found
            .iter()
            .map(|f| f.path)
            .filter(|p| *p != model.path)
            .map(|p| ctx.shown(p))
            .collect();
        others.sort_unstable();
        others.dedup();
        let where_ = if others.is_empty() {
            "in this file".to_string()
        } else {
            format!("in {}", others.join(", "))
        };
        out.push(Diagnostic::new(
            &RULE,
            e.name_range,
            format!(
                "another {} is named `{}` ({where_}); names are unique per kind in a factory, compared \
                 without regard to case: rename or remove one",
                e.kind.words(),
                e.name
            ),
        ));
    }
}
