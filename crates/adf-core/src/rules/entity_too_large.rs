//! ## What it does
//! Reports a pipeline larger than 200 KB, or a dataset or linked service larger than 100 KB,
//! measured as the bytes (UTF-8) of the entity's JSON object without the whitespace between
//! its tokens: what remains when the file's indentation and line breaks are taken out. A
//! kilobyte is taken as 1,024 bytes.
//!
//! ## Why is this bad?
//! Data Factory limits the bytes of one object: 200 KB for a pipeline (default and maximum
//! alike), 100 KB for a dataset or linked service (which support can raise up to 2,000 KB). A
//! pipeline this large is usually one that embeds data, such as a long inline query or a
//! generated list, that belongs in a file, a table or a child pipeline.
//!
//! The page does not say how the bytes are counted: what the service stores is its own
//! serialization of the object (with the properties it adds, its own escaping), not the file.
//! This rule's measure is near it but not the same, and the dataset and linked service limit
//! can be raised, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#data-factory-limits
//!   (the include `azure-data-factory-limits.md` of MicrosoftDocs/azure-docs, dated 2025-02-06):
//!   "Bytes per object for pipeline objects", 200 KB default and maximum; "Bytes per object
//!   for dataset and linked service objects", 100 KB default, 2,000 KB maximum.
//!
//! ## Example
//! `pipeline/Load.json`, 300 KB long because a Script activity holds a whole SQL script inline.
//!
//! Use instead: keep the script in the database (a stored procedure) or in a file the activity
//! reads, and keep the pipeline small.
//! ```json
//! {"name": "Load", "properties": {"activities": [{"name": "Run", "type": "SqlServerStoredProcedure",
//!     "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"},
//!     "typeProperties": {"storedProcedureName": "dbo.Load"}}]}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0122",
    name: "entity-too-large",
    severity: Severity::Warning,
    summary: "a pipeline over 200 KB, or a dataset or linked service over 100 KB",
    source: "src/rules/entity_too_large.rs",
};

/// The largest pipeline object, in bytes (200 KB).
pub const PIPELINE_LIMIT: usize = 200 * 1024;

/// The largest dataset or linked service object by default, in bytes (100 KB).
pub const DATASET_LIMIT: usize = 100 * 1024;

/// Checks one entity of a file whose text is `text`.
pub(crate) fn check(entity: &Entity, text: &str, out: &mut Vec<Diagnostic>) {
    let (limit, raisable) = match entity.kind {
        EntityKind::Pipeline => (PIPELINE_LIMIT, false),
        EntityKind::Dataset | EntityKind::LinkedService => (DATASET_LIMIT, true),
        _ => return,
    };
    let Some(object) = text.get(entity.range.start..entity.range.end) else {
        return;
    };
    // The file's bytes bound the compact size from above: most entities end here.
    if object.len() <= limit {
        return;
    }
    let size = compact_len(object);
    if size <= limit {
        return;
    }
    let note = if raisable {
        " unless support raised the limit (up to 2,000 KB)"
    } else {
        ""
    };
    out.push(Diagnostic::new(
        &RULE,
        entity.name_range,
        format!(
            "{} `{}` is about {} KB without whitespace; Data Factory takes at most {} KB per {} \
             object{note}: move large inline content out of it",
            entity.kind.words(),
            entity.name,
            size / 1024,
            limit / 1024,
            entity.kind.words()
        ),
    ));
}

/// The bytes of JSON text without whitespace outside strings.
fn compact_len(json: &str) -> usize {
    let mut n = 0;
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            n += 1;
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !b.is_ascii_whitespace() {
            n += 1;
            in_string = b == b'"';
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::compact_len;

    #[test]
    fn whitespace_counts_only_inside_strings() {
        assert_eq!(compact_len("{ \"a b\" : [ 1 , \"\\\" x\" ] }"), 18);
    }
}
