//! ## What it does
//! Reports an entity name Data Factory does not accept:
//!
//! - a linked service, dataset, pipeline, data flow, trigger or change data capture name that
//!   holds any of `.` `+` `?` `/` `<` `>` `*` `%` `&` `:` `\` `#`, does not start with a
//!   letter, digit or underscore, or is longer than 260 characters;
//! - an integration runtime or factory name (`factory/<name>.json`) that holds anything but
//!   letters, digits and single dashes between them, or is not 3 to 63 characters long;
//! - a credential, managed virtual network or managed private endpoint name that holds anything
//!   but letters, digits, underscores and dashes, starts or ends with a dash, or is longer than
//!   127 characters.
//!
//! Names computed by ARM expressions and `<placeholder>` names of templates are not checked.
//!
//! Two statements of the naming rules page are not checked, because real factories contradict
//! them: names that start with a digit (deployed pipelines such as `01-Grandparent` and
//! `0_main_SIF` in the corpus; the ARM schema's pattern takes a letter, digit or underscore
//! first) and dashes in linked service, dataset and data flow names (Synapse names its own
//! `<workspace>-WorkspaceDefaultStorage`; Microsoft's gallery template "Fact Loader" names its
//! data flow `DF-FactLoader`). Uniqueness without regard to case is the `duplicate-name`
//! rule's.
//!
//! ## Why is this bad?
//! The name becomes part of the resource's URL in Azure Resource Manager and of the file name
//! in git; Data Factory refuses to create or publish an entity whose name breaks these rules.
//!
//! ## Evidence
//! - Microsoft's naming rules for Data Factory entities list the characters that are not
//!   allowed in linked service, dataset, pipeline and data flow names, the letters, digits
//!   and dashes an integration runtime name may hold, and for a data factory name letters,
//!   digits and single dashes, 3 to 63 characters:
//!   <https://learn.microsoft.com/en-us/azure/data-factory/naming-rules>. The same list stood
//!   for version 1 (linked services, tables and pipelines, table names at most 260 characters):
//!   <https://learn.microsoft.com/en-us/azure/data-factory/v1/data-factory-naming-rules>.
//! - Microsoft's ARM template schema for `Microsoft.DataFactory` 2018-06-01
//!   (<https://schema.management.azure.com/schemas/2018-06-01/Microsoft.DataFactory.json>)
//!   gives each resource's name pattern and length: pipelines, datasets, linked services, data
//!   flows, triggers and change data captures `^[A-Za-z0-9_][^<>*#.%&:\\+?/]*$`, 1 to 260;
//!   factories and integration runtimes `^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$`, 3 to 63;
//!   credentials, managed virtual networks and managed private endpoints letters, digits, `_`
//!   and `-` with no dash first or last, 1 to 127.
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
    summary: "an entity name Data Factory does not accept (a character, the first character or the length)",
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
