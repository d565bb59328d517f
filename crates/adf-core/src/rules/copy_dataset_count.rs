//! ## What it does
//! Reports a v2 Copy activity whose `inputs` or `outputs` list more than one dataset.
//!
//! ## Why is this bad?
//! A Copy activity copies from one dataset to one dataset: its `typeProperties` hold one
//! `source` (how to read its input) and one `sink` (how to write its output), and nothing that
//! could say how to read or write a second one. A second input or output is very likely meant for
//! a second Copy activity. It is a warning: this tool has no evidence of how Data Factory treats
//! the extra dataset.
//!
//! ## Example
//! ```json
//! {
//!     "name": "LoadSales",
//!     "properties": {
//!         "annotations": [],
//!         "activities": [{
//!             "name": "CopySales",
//!             "type": "Copy",
//!             "inputs": [
//!                 {"referenceName": "SalesCsv", "type": "DatasetReference"},
//!                 {"referenceName": "ReturnsCsv", "type": "DatasetReference"}
//!             ],
//!             "outputs": [{"referenceName": "SalesTable", "type": "DatasetReference"}],
//!             "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}
//!         }]
//!     }
//! }
//! ```
//!
//! Use instead:
//! ```json
//! {
//!     "name": "LoadSales",
//!     "properties": {
//!         "annotations": [],
//!         "activities": [{
//!             "name": "CopySales",
//!             "type": "Copy",
//!             "inputs": [{"referenceName": "SalesCsv", "type": "DatasetReference"}],
//!             "outputs": [{"referenceName": "SalesTable", "type": "DatasetReference"}],
//!             "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}
//!         }]
//!     }
//! }
//! ```
//!
//! `dataset/SalesCsv.json` (beside both):
//! ```json
//! {"name": "SalesCsv", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"}}}
//! ```
//!
//! `dataset/SalesTable.json` (beside both):
//! ```json
//! {"name": "SalesTable", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"}}}
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://sales.dfs.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::json;
use adf_syntax::ast::{Object, Value};

pub static RULE: Rule = Rule {
    code: "ADF0110",
    name: "copy-dataset-count",
    severity: Severity::Warning,
    summary: "a Copy activity with more than one input or output dataset",
    source: "src/rules/copy_dataset_count.rs",
};

/// Checks the `inputs` and `outputs` of one v2 Copy activity object.
pub(crate) fn check(activity: &Object<'_>, out: &mut Vec<Diagnostic>) {
    let name = json::get_str(activity, "name").unwrap_or("");
    for (key, what, side) in [
        ("inputs", "input", "reads one dataset (its `source`)"),
        ("outputs", "output", "writes one dataset (its `sink`)"),
    ] {
        let Some(Value::Array(list)) = json::get(activity, key).map(|p| &p.value) else {
            continue;
        };
        let Some(second) = list.elements.get(1) else {
            continue;
        };
        out.push(Diagnostic::new(
            &RULE,
            TextRange::from(json::range(second)),
            format!(
                "Copy activity `{name}` lists {} {what}s; a Copy activity {side}: keep one and copy \
                 the others with their own Copy activities",
                list.elements.len()
            ),
        ));
    }
}
