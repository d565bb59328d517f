//! ## What it does
//! Points out a dataset, linked service or data flow that nothing in the factory references:
//! no activity, dataset, data flow, Key Vault secret or other linked service names it. It is a
//! hint, not a fault: the entity may be kept for later or used by a factory outside this
//! folder. ARM templates are not checked, since their references are often computed. A
//! Synapse workspace's default linked services (`<workspace>-WorkspaceDefaultStorage`,
//! `<workspace>-WorkspaceDefaultSqlServer`) are never reported: the workspace creates them and
//! Synapse Studio writes them to git whether or not anything uses them.
//!
//! ## Why is this bad?
//! Unused entities are clutter that every deployment carries along, and an unused linked
//! service still holds credentials.
//!
//! ## Example
//! `dataset/OldExport.json`, used by no pipeline or data flow:
//! ```json
//! {"name": "OldExport", "properties": {"type": "Json", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"}}}
//! ```
//!
//! Use instead: delete the file, or use the dataset from a pipeline. `pipeline/Export.json`:
//! ```json
//! {"name": "Export", "properties": {"activities": [{"name": "Look", "type": "Lookup", "typeProperties": {
//!     "source": {"type": "JsonSource"}, "dataset": {"referenceName": "OldExport", "type": "DatasetReference"}}}]}}
//! ```
//!
//! `dataset/OldExport.json` (beside both):
//! ```json
//! {"name": "OldExport", "properties": {"type": "Json", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"}}}
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://lake.dfs.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileModel;
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0212",
    name: "unused-entity",
    severity: Severity::Hint,
    summary: "a dataset, linked service or data flow nobody references",
    source: "src/rules/unused_entity.rs",
};

/// Checks the entities of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.in_arm_scope() {
        return;
    }
    for e in &model.entities {
        if e.name.is_empty()
            || is_workspace_default(&e.name)
            || !matches!(
                e.kind,
                EntityKind::Dataset | EntityKind::LinkedService | EntityKind::DataFlow
            )
        {
            continue;
        }
        if !ctx.is_referenced(e.kind, &e.name) {
            out.push(Diagnostic::new(
                &RULE,
                e.name_range,
                format!(
                    "{} `{}` is not referenced by anything in this factory",
                    e.kind.words(),
                    e.name
                ),
            ));
        }
    }
}

/// Whether a name is one of the linked services every Synapse workspace has.
fn is_workspace_default(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("-workspacedefaultstorage") || lower.ends_with("-workspacedefaultsqlserver")
}
