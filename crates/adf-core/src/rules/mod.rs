//! The rule registry: one module per rule, each with its metadata and its check.
//!
//! A rule's module doc comment is its documentation; `cargo xtask docs` turns it into
//! `docs/rules/<name>.md`. Codes are assigned once and never reused:
//! ADF00xx file and syntax, ADF01xx schema (single file), ADF02xx cross-file, ADF03xx expressions,
//! ADF04xx profiles (rules off unless their profile is selected, see [`crate::Profile`]).
//!
//! ## Severity policy
//! A finding is only worth showing if it is true, so every rule's default severity follows the
//! evidence (`cargo xtask docs` copies this section into docs/rules/README.md):
//!
//! - **error**: Data Factory rejects the JSON (publishing, ADF Studio's validation, an ARM
//!   deployment or the REST API), or every run fails at that point. The rule's page has an
//!   "Evidence" section: a Microsoft page with the fact it states, a documented error text, or a
//!   file of the test corpus that shows it. A source nobody could read is not evidence; a test
//!   (`crates/adf-core/tests/rule_docs.rs`) fails on an error-severity page without evidence, and
//!   a rule without evidence is a warning.
//! - **warning**: Data Factory takes it and it runs, but very likely not as meant: a near miss of
//!   a known property name, a value that is null where null breaks a function.
//! - **hint** and **information**: style and hygiene, names that are not in the published schema
//!   (the schemas lag what ADF Studio writes), anything this tool cannot know. The limits of this
//!   tool itself (`nesting-too-deep`, `file-too-large`) are warnings that say the file was not
//!   analysed: Data Factory may well take the file, but a check that silently skipped it would
//!   claim a clean result it never established.
//!
//! Messages say what the tool knows and no more: what is wrong, and what to do. Masking of secrets
//! in every output stays broad; *reporting* `plaintext-secret` follows this policy. A severity
//! can be changed per rule, glob or entity in `adf.toml` (docs/configuration.md).

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Rule;
use crate::ide::actions::Fix;
use crate::model::{Entity, FileModel};
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub(crate) mod activity_not_upstream;
pub(crate) mod azureml_update_endpoint;
pub(crate) mod azureml_web_service_io;
pub(crate) mod conflicting_dependency_conditions;
pub(crate) mod copy_dataset_count;
pub(crate) mod dependency_cycle;
pub(crate) mod duplicate_activity_name;
pub(crate) mod duplicate_key;
pub(crate) mod duplicate_name;
pub(crate) mod entity_too_large;
pub(crate) mod expression_too_long;
pub(crate) mod expression_type_mismatch;
pub(crate) mod fabric_needs_rework;
pub(crate) mod fabric_not_migrated;
pub(crate) mod failure_swallowed;
pub(crate) mod file_too_large;
pub(crate) mod global_parameter_outside_pipeline;
pub(crate) mod incompatible_reference;
pub(crate) mod invalid_config;
pub(crate) mod invalid_expression;
pub(crate) mod invalid_json;
pub(crate) mod invalid_name;
pub(crate) mod invalid_nesting;
pub(crate) mod invalid_parameterization;
pub(crate) mod invalid_value;
pub(crate) mod item_outside_foreach;
pub(crate) mod lookup_output_mismatch;
pub(crate) mod metadata_field_not_requested;
pub(crate) mod misplaced_file;
pub(crate) mod missing_parameter_argument;
pub(crate) mod missing_required_property;
pub(crate) mod nesting_too_deep;
pub(crate) mod parameter_type_mismatch;
pub(crate) mod pipeline_parameter_in_dataset;
pub(crate) mod plaintext_secret;
pub(crate) mod too_many_activities;
pub(crate) mod too_many_parameters;
pub(crate) mod trigger_value_unavailable;
pub(crate) mod undefined_parameter;
pub(crate) mod undefined_variable;
pub(crate) mod unknown_activity_reference;
pub(crate) mod unknown_dependency;
pub(crate) mod unknown_function;
pub(crate) mod unknown_output_property;
pub(crate) mod unknown_parameter_argument;
pub(crate) mod unknown_parameterized_property;
pub(crate) mod unknown_property;
pub(crate) mod unknown_type;
pub(crate) mod unreachable_activity;
pub(crate) mod unrecognized_file;
pub(crate) mod unresolved_reference;
pub(crate) mod unused_entity;
pub(crate) mod v1_availability_mismatch;
pub(crate) mod v1_input_not_external;
pub(crate) mod v1_missing_output;
pub(crate) mod variable_in_parallel_foreach;
pub(crate) mod variable_reads_itself;
pub(crate) mod wrong_argument_count;

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &invalid_json::RULE,
    &nesting_too_deep::RULE,
    &file_too_large::RULE,
    &unrecognized_file::RULE,
    &misplaced_file::RULE,
    &invalid_config::RULE,
    &duplicate_key::RULE,
    &unknown_type::RULE,
    &unknown_property::RULE,
    &missing_required_property::RULE,
    &invalid_value::RULE,
    &copy_dataset_count::RULE,
    &invalid_name::RULE,
    &too_many_parameters::RULE,
    &entity_too_large::RULE,
    &plaintext_secret::RULE,
    &invalid_parameterization::RULE,
    &unknown_parameterized_property::RULE,
    &unresolved_reference::RULE,
    &incompatible_reference::RULE,
    &unknown_parameter_argument::RULE,
    &missing_parameter_argument::RULE,
    &parameter_type_mismatch::RULE,
    &duplicate_activity_name::RULE,
    &unknown_dependency::RULE,
    &dependency_cycle::RULE,
    &duplicate_name::RULE,
    &invalid_nesting::RULE,
    &too_many_activities::RULE,
    &unused_entity::RULE,
    &variable_in_parallel_foreach::RULE,
    &unreachable_activity::RULE,
    &failure_swallowed::RULE,
    &conflicting_dependency_conditions::RULE,
    &v1_missing_output::RULE,
    &v1_input_not_external::RULE,
    &v1_availability_mismatch::RULE,
    &azureml_web_service_io::RULE,
    &azureml_update_endpoint::RULE,
    &invalid_expression::RULE,
    &unknown_function::RULE,
    &wrong_argument_count::RULE,
    &undefined_parameter::RULE,
    &undefined_variable::RULE,
    &unknown_activity_reference::RULE,
    &activity_not_upstream::RULE,
    &item_outside_foreach::RULE,
    &expression_type_mismatch::RULE,
    &expression_too_long::RULE,
    &variable_reads_itself::RULE,
    &trigger_value_unavailable::RULE,
    &global_parameter_outside_pipeline::RULE,
    &pipeline_parameter_in_dataset::RULE,
    &unknown_output_property::RULE,
    &lookup_output_mismatch::RULE,
    &metadata_field_not_requested::RULE,
    &fabric_not_migrated::RULE,
    &fabric_needs_rework::RULE,
];

/// The rules whose findings have a fix, with it; the code actions ask a finding's rule
/// ([`Rule::fix`]), so a new fix lives in its rule's module and is named here.
static FIXES: &[(&Rule, Fix)] = &[
    (
        &missing_required_property::RULE,
        missing_required_property::fix,
    ),
    (
        &missing_parameter_argument::RULE,
        missing_parameter_argument::fix,
    ),
    (&plaintext_secret::RULE, plaintext_secret::fix),
];

impl Rule {
    /// The fix of this rule's findings, if it has one.
    pub(crate) fn fix(&self) -> Option<Fix> {
        FIXES
            .iter()
            .find(|(r, _)| r.name == self.name)
            .map(|(_, f)| *f)
    }
}

/// Rules that read one file's entities only (run when the file is modelled).
pub(crate) fn check_entities(entities: &[Entity], out: &mut Vec<Diagnostic>) {
    for e in entities {
        invalid_name::check(e, out);
        duplicate_key::check(e, out);
        if e.kind != EntityKind::Pipeline {
            continue;
        }
        duplicate_activity_name::check(e, out);
        unknown_dependency::check(e, out);
        dependency_cycle::check(e, out);
        invalid_nesting::check(e, out);
        too_many_activities::check(e, out);
        too_many_parameters::check(e, out);
        variable_in_parallel_foreach::check(e, out);
        // Both read the run-outcome graph: it is built once, by the first that needs it.
        let graph = std::cell::OnceCell::new();
        unreachable_activity::check(e, &graph, out);
        failure_swallowed::check(e, &graph, out);
        conflicting_dependency_conditions::check(e, out);
        v1_missing_output::check(e, out);
        azureml_web_service_io::check(e, out);
    }
}

/// Rules that measure one file's entities in its text.
pub(crate) fn check_entity_text(entities: &[Entity], text: &str, out: &mut Vec<Diagnostic>) {
    for e in entities {
        entity_too_large::check(e, text, out);
    }
}

/// Rules that read other files through the index (every read is recorded as a fact).
pub(crate) fn check_cross_file(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    unresolved_reference::check(model, ctx, out);
    incompatible_reference::check(model, ctx, out);
    unknown_parameter_argument::check(model, ctx, out);
    missing_parameter_argument::check(model, ctx, out);
    parameter_type_mismatch::check(model, ctx, out);
    duplicate_name::check(model, ctx, out);
    unused_entity::check(model, ctx, out);
    v1_input_not_external::check(model, ctx, out);
    v1_availability_mismatch::check(model, ctx, out);
    azureml_update_endpoint::check(model, ctx, out);
    undefined_parameter::check_global(model, ctx, out);
}

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
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.name
            );
            let file = r.name.replace('-', "_");
            assert_eq!(r.source, format!("src/rules/{file}.rs"));
        }
    }

    #[test]
    fn each_fix_belongs_to_one_registered_rule() {
        let mut seen = std::collections::HashSet::new();
        for (rule, _) in FIXES {
            assert!(RULES.contains(rule), "{} is not registered", rule.name);
            assert!(seen.insert(rule.name), "{} has two fixes", rule.name);
            assert!(rule.fix().is_some());
        }
        assert!(find("invalid-json").and_then(Rule::fix).is_none());
    }
}
