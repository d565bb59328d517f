//! The rule registry: one module per rule, each with its metadata and its check.
//!
//! A rule's module doc comment is its documentation; `cargo xtask docs` turns it into
//! `docs/rules/<name>.md`. Codes are assigned once and never reused:
//! ADF00xx file and syntax, ADF01xx schema (single file), ADF02xx cross-file, ADF03xx expressions.

use crate::diagnostic::Severity;

pub(crate) mod file_too_large;
pub(crate) mod invalid_json;
pub(crate) mod invalid_value;
pub(crate) mod missing_required_property;
pub(crate) mod nesting_too_deep;
pub(crate) mod unknown_property;
pub(crate) mod unknown_type;
pub(crate) mod unrecognized_file;

/// A rule's metadata.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `ADF0001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `invalid-json`.
    pub name: &'static str,
    /// Severity when the configuration says nothing.
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Path of the rule's source file relative to the crate root (its doc comment is the doc page).
    pub source: &'static str,
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &invalid_json::RULE,
    &nesting_too_deep::RULE,
    &file_too_large::RULE,
    &unrecognized_file::RULE,
    &unknown_type::RULE,
    &unknown_property::RULE,
    &missing_required_property::RULE,
    &invalid_value::RULE,
];

/// Looks a rule up by name or code (case-insensitive).
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| {
        r.name.eq_ignore_ascii_case(name_or_code) || r.code.eq_ignore_ascii_case(name_or_code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.starts_with("ADF") && r.code.len() == 7, "{}", r.code);
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            let file = r.name.replace('-', "_");
            assert_eq!(r.source, format!("src/rules/{file}.rs"));
        }
    }
}
