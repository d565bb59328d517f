//! ADF model, rules and queries over texts and offsets.
//!
//! Architecture invariant: this crate does no I/O and knows nothing of LSP, URIs, wasm or the
//! command line. Adapters push texts in and get plain data back.

pub mod check;
pub mod classify;
pub mod diagnostic;
mod json;
pub mod layout;
pub mod rules;
mod schema_check;
pub mod suggest;
pub mod values;

pub use check::{
    check_early, check_files, check_prepared, finish, needs_layout, prepare, CheckOptions,
    FileReport, Prepared, SourceFile, Step,
};
pub use classify::{Classification, DialectEvidence, FileKind};
pub use diagnostic::{Diagnostic, Severity, TextRange};
pub use layout::{Flavor, Layout};
pub use rules::{Rule, RULES};
