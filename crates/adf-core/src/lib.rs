//! ADF model, rules and queries over texts and offsets.
//!
//! Architecture invariant: this crate does no I/O and knows nothing of LSP, URIs, wasm or the
//! command line. Adapters push texts in and get plain data back.

pub mod arm;
pub mod batch;
pub(crate) mod check;
pub mod classify;
pub mod config;
pub mod diagnostic;
pub mod eval;
pub mod expr;
mod fabric;
pub mod fixture;
pub mod graph;
pub mod ide;
pub mod json;
pub mod layout;
pub mod model;
mod naming;
pub mod outcome;
mod parameterization;
pub mod project;
pub mod quote;
pub mod rules;
mod schema_check;
mod secrets;
mod steps;
mod stored_text;
pub mod suggest;
pub mod values;
pub mod workspace;

pub use batch::check_files;
pub use check::{CheckOptions, Profile, SourceFile};
pub use classify::{Classification, DialectEvidence, FileKind};
pub use diagnostic::{Diagnostic, Severity, TextRange};
pub use layout::{Flavor, Layout};
pub use model::FileModel;
pub use project::{Project, ProjectLoader};
pub use rules::{Rule, RULES};
pub use workspace::{FileReport, Loader, Workspace};
