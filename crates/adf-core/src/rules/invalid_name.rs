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
use crate::{naming, values};

pub static RULE: Rule = Rule {
    code: "ADF0105",
    name: "invalid-name",
    severity: Severity::Error,
    summary: "an entity name with a character Data Factory does not accept",
    source: "src/rules/invalid_name.rs",
};

/// Checks one entity's name.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let name = &entity.name;
    if name.is_empty() || values::is_placeholder(name) || values::is_arm_expression(name) {
        return;
    }
    if let Some(what) = naming::problem(entity.kind, name) {
        out.push(Diagnostic::new(
            &RULE,
            entity.name_range,
            format!("the name `{name}` {what}; rename it (and every reference to it)"),
        ));
    }
}
