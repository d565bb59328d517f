//! The crate's integration tests, one binary (one link step) for all of them; each module is
//! the file of the same name beside this one.

mod fixture;

mod arm_resources;
mod cross_file;
mod duplicate_keys;
mod eval_corpus;
mod expressions;
mod file_kinds;
mod fuzz_analysis;
mod ide_actions;
mod ide_queries;
mod ide_ranges;
mod incremental;
mod profiles;
mod rule_docs;
mod run_outcomes;
mod schema_trust;
mod single_file;
