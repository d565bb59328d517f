//! ## What it does
//! Reports a call with fewer or more arguments than the function takes (for example
//! `substring` takes two or three, `utcNow` at most one, `pipeline` none).
//!
//! ## Why is this bad?
//! Each function of the expression language takes the parameters its reference lists; a call
//! with too few or too many cannot be evaluated.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-expression-language-functions:
//!   every function with its parameters and which are required.
//!
//! ## Example
//! `pipeline/Tag.json`:
//! ```json
//! {
//!     "name": "Tag",
//!     "properties": {
//!         "variables": {"label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@substring(pipeline().RunId)"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Tag.json`:
//! ```json
//! {
//!     "name": "Tag",
//!     "properties": {
//!         "variables": {"label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@substring(pipeline().RunId, 0, 8)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::signature::arity;
use crate::expr::syntax::Ident;
use adf_catalog::Function;

pub static RULE: Rule = Rule {
    code: "ADF0303",
    name: "wrong-argument-count",
    severity: Severity::Error,
    summary: "an expression function is called with too few or too many arguments",
    source: "src/rules/wrong_argument_count.rs",
};

/// Checks one call's argument count.
pub(crate) fn check(
    cx: &Cx<'_>,
    f: &Function,
    name: &Ident,
    count: usize,
    _call: &std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let too_few = count < f.min as usize;
    let too_many = f.max.is_some_and(|m| count > m as usize);
    if too_few || too_many {
        out.push(Diagnostic::new(
            &RULE,
            cx.range(&name.range),
            format!(
                "`{}` takes {} argument{}, not {count}",
                f.name,
                arity(f),
                if f.min == 1 && f.max == Some(1) {
                    ""
                } else {
                    "s"
                }
            ),
        ));
    }
}
