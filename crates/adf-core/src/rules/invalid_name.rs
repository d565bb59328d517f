//! ## What it does
//! Reports the name of a linked service, dataset, pipeline, data flow or integration runtime
//! that holds a character Data Factory does not accept in it: any of `.` `+` `?` `/` `<` `>`
//! `*` `%` `&` `:` `\`, and for an integration runtime anything but letters, digits and single
//! dashes between them. Names computed by ARM expressions and `<placeholder>` names of
//! templates are not checked.
//!
//! Two statements of the naming rules page are not checked, because real factories contradict
//! them: names that start with a digit (deployed pipelines such as `01-Grandparent` and
//! `0_main_SIF` in the corpus) and dashes in linked service and dataset names (Synapse names
//! its own `<workspace>-WorkspaceDefaultStorage`).
//!
//! ## Why is this bad?
//! The name becomes part of the resource's URL in Azure Resource Manager and of the file name
//! in git; Data Factory refuses to create or publish an entity whose name breaks these rules.
//!
//! ## Evidence
//! - Microsoft's naming rules for Data Factory entities list the characters that are not
//!   allowed in linked service, dataset, pipeline and data flow names, and the letters, digits
//!   and dashes an integration runtime name may hold:
//!   <https://learn.microsoft.com/en-us/azure/data-factory/naming-rules>. The same list stood
//!   for version 1 (linked services, tables and pipelines):
//!   <https://learn.microsoft.com/en-us/azure/data-factory/v1/data-factory-naming-rules>.
//! - ADF Studio refuses an integration runtime name with an underscore with the message
//!   quoted in MicrosoftDocs/azure-docs#56784 (letters, numbers and single dashes only):
//!   <https://github.com/MicrosoftDocs/azure-docs/issues/56784>.
//!
//! ## Example
//! `pipeline/Load.Sales.json`:
//! ```json
//! {"name": "Load.Sales", "properties": {"activities": [{"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//! ```
//!
//! Use instead: `pipeline/Load_Sales.json`:
//! ```json
//! {"name": "Load_Sales", "properties": {"activities": [{"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use crate::values;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0105",
    name: "invalid-name",
    severity: Severity::Error,
    summary: "an entity name with a character Data Factory does not accept",
    source: "src/rules/invalid_name.rs",
};

/// Characters the naming rules page forbids in linked service, dataset, pipeline and data flow
/// names.
const FORBIDDEN: &[char] = &['.', '+', '?', '/', '<', '>', '*', '%', '&', ':', '\\'];

/// What is wrong with `name` for an entity of this kind, if anything; `None` for kinds the
/// naming rules page does not cover.
pub fn problem(kind: EntityKind, name: &str) -> Option<String> {
    match kind {
        EntityKind::LinkedService
        | EntityKind::Dataset
        | EntityKind::Pipeline
        | EntityKind::DataFlow => {
            let bad: String = name.chars().filter(|c| FORBIDDEN.contains(c)).collect();
            let mut shown: Vec<char> = bad.chars().collect();
            shown.dedup();
            (!shown.is_empty()).then(|| {
                let list: Vec<String> = shown.iter().map(|c| format!("`{c}`")).collect();
                format!(
                    "holds {} which Data Factory does not accept in {} names",
                    list.join(", "),
                    kind.words()
                )
            })
        }
        EntityKind::IntegrationRuntime => {
            let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            let dashes_ok = !name.starts_with('-') && !name.ends_with('-') && !name.contains("--");
            (!(chars_ok && dashes_ok)).then(|| {
                "may hold only letters, digits and single dashes between them, starting and \
                 ending with a letter or digit"
                    .to_string()
            })
        }
        _ => None,
    }
}

/// Checks one entity's name.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let name = &entity.name;
    if name.is_empty() || values::is_placeholder(name) || values::is_arm_expression(name) {
        return;
    }
    if let Some(what) = problem(entity.kind, name) {
        out.push(Diagnostic::new(
            &RULE,
            entity.name_range,
            format!(
                "the name `{}` {what}; rename it (and every reference to it)",
                short(name)
            ),
        ));
    }
}

/// A name from the input, short enough for a message.
fn short(name: &str) -> String {
    match name.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &name[..i]),
        None => name.to_string(),
    }
}
