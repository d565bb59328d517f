//! ## What it does
//! Reports an expression longer than 8,192 characters: a string that starts with `@` or holds
//! `@{...}` interpolations (or the `value` of an `{"type": "Expression"}` object), counted in
//! characters of its value as Data Factory reads it (JSON escapes decoded; in an ARM template,
//! the value the template gives).
//!
//! ## Why is this bad?
//! "Characters per expression" is a fixed limit of Data Factory, 8,192 both as the default and
//! as the maximum. Long expressions are mostly generated: a query built with many `concat`
//! calls, or a literal list written inline; a parameter, a variable or a lookup of the list
//! keeps them short.
//!
//! The page does not say how an interpolated string is counted (the whole string, or each
//! `@{...}` part), nor whether it counts characters or UTF-16 units, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#data-factory-limits
//!   (the include `azure-data-factory-limits.md` of MicrosoftDocs/azure-docs, dated 2025-02-06):
//!   "Characters per expression", default limit 8,192, maximum limit 8,192.
//!
//! ## Example
//! `pipeline/Query.json`, whose Lookup query is `@concat('SELECT ... ', ...)` written out over
//! 9,000 characters.
//!
//! Use instead: keep the long text out of the expression, in a parameter's default value or a
//! stored procedure, and refer to it.
//! ```json
//! {"name": "Query", "properties": {
//!     "parameters": {"query": {"type": "string", "defaultValue": "SELECT 1"}},
//!     "activities": [{"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": {"value": "@length(pipeline().parameters.query)", "type": "Expression"}}}]
//! }}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0310",
    name: "expression-too-long",
    severity: Severity::Warning,
    summary: "an expression longer than Data Factory allows (8,192 characters)",
    source: "src/rules/expression_too_long.rs",
};

/// Data Factory's limit of characters per expression.
pub const LIMIT: usize = 8_192;

/// Checks the value of one string that holds an expression; `range` is the string in the file.
pub(crate) fn check(value: &str, range: TextRange, out: &mut Vec<Diagnostic>) {
    // Bytes bound characters from above: most strings end here without counting.
    if value.len() <= LIMIT {
        return;
    }
    let n = value.chars().count();
    if n > LIMIT {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "this expression is {n} characters long; Data Factory allows at most {LIMIT} \
                 per expression: keep long text in a parameter or variable and refer to it"
            ),
        ));
    }
}
