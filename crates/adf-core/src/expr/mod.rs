//! The v2 expression language: parsing with ranges in the file ([`syntax`]), where expressions
//! sit and what scopes them ([`sites`]), the single-file rules' walk ([`analyze`]), and the
//! editor queries ([`ide`]).
//!
//! Architecture invariant: parsing never fails and never panics; nesting is bounded by
//! [`syntax::MAX_DEPTH`], so every walk over a tree is bounded too.

pub(crate) mod analyze;
pub mod ide;
pub(crate) mod outputs;
pub(crate) mod param_use;
pub(crate) mod params;
pub(crate) mod signature;
pub mod sites;
pub mod syntax;

pub use syntax::{parse_template, Expr, ExprKind, Mapping, Template};
