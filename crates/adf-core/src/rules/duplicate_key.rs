//! ## What it does
//! Reports a property name written a second time in the same JSON object (the same spelling;
//! names that differ only in case are not reported). The finding is on the later one, which is
//! the one this tool reads, as most JSON readers do.
//!
//! ## Why is this bad?
//! Only one of the two values counts, and which one depends on the reader: `JSON.parse` and
//! Json.NET (by default) keep the last, others keep the first or refuse the object. What Data
//! Factory does with such a file is not documented, so this is a warning: what is deployed may
//! not be what the file seems to say, and the editor and ADF Studio may disagree.
//!
//! ## Evidence
//! - https://www.rfc-editor.org/rfc/rfc8259#section-4: names within an object should be unique;
//!   when they are not, implementations differ (many keep only the last pair).
//! - https://newtonsoft.com/json/help/html/T_Newtonsoft_Json_Linq_DuplicatePropertyNameHandling.htm:
//!   Json.NET replaces the earlier value by default, and can be set to keep the first or to fail.
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}}
//!         ],
//!         "description": "Loads the sales tables",
//!         "description": "Loads the sales and stock tables"
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}}
//!         ],
//!         "description": "Loads the sales and stock tables"
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entity, Named};

pub static RULE: Rule = Rule {
    code: "ADF0007",
    name: "duplicate-key",
    severity: Severity::Warning,
    summary: "a property name is written twice in one object",
    source: "src/rules/duplicate_key.rs",
};

/// Reports the repeated keys the model found in one entity.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    report(&entity.duplicate_keys, out);
}

/// Reports repeated keys (an entity's, or an ARM template's envelope's).
pub(crate) fn report(keys: &[Named], out: &mut Vec<Diagnostic>) {
    for key in keys {
        out.push(Diagnostic::new(
            &RULE,
            key.range,
            format!(
                "`{}` is already written earlier in this object; this later value is the one read \
                 here and by JSON.parse, the earlier one is ignored (what Data Factory keeps is not \
                 documented): remove one of them",
                shortened(&key.name)
            ),
        ));
    }
}

/// A name short enough to quote (a property name can be megabytes long).
fn shortened(name: &str) -> String {
    const SHOWN: usize = 60;
    match name.char_indices().nth(SHOWN) {
        Some((i, _)) => format!("{}...", name.get(..i).unwrap_or(name)),
        None => name.to_string(),
    }
}
