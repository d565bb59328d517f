//! ## What it does
//! Reports a mistake in an `adf.toml`, on the configuration file itself and at the bytes at
//! fault: TOML syntax, an unknown key, rule or severity, a bad glob, an ignore without a target,
//! a JSON pointer without its file, a `[[factory]]` with fewer than two folders. The message is
//! the parser's, which names the mistake and, where it can, the fix (`did you mean ...`).
//!
//! Every host reports it the same way: `adf check` prints it in the chosen format and exits
//! with code 2 without checking the factory; the language server and the wasm package show it
//! as a finding of the `adf.toml`. While a configuration is bad, the editor hosts keep the last
//! version of that file that parsed in force (so a half-typed line does not flip every
//! finding of the factory); a file that never parsed is treated as absent, and the nearest
//! `adf.toml` above it governs its folder.
//!
//! ## Why is this bad?
//! A configuration that cannot be read cannot say what its author meant: the severities,
//! excludes and ignores it holds would all be guessed. `adf check` refuses to guess and stops.
//!
//! ## Evidence
//! This is the tool's own input, not Data Factory's: docs/configuration.md states that a
//! mistake in the file stops the run with exit code 2 (tests/cli_formats.rs checks it). For
//! TOML syntax, the TOML specification defines what does not parse, e.g. a key without a
//! value: https://toml.io/en/v1.0.0-rc.2 ("Unspecified values are invalid").
//!
//! ## Example
//! `adf.toml`:
//! ```toml
//! [rules]
//! unsued-entity = "off"
//! ```
//!
//! Use instead: `adf.toml`:
//! ```toml
//! [rules]
//! unused-entity = "off"
//! ```

use super::Rule;
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "ADF0006",
    name: "invalid-config",
    severity: Severity::Error,
    summary: "an adf.toml that cannot be read",
    source: "src/rules/invalid_config.rs",
};

/// The finding for a configuration the parser refused.
pub(crate) fn diagnostic(e: &ConfigError) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        e.range,
        format!(
            "{}. Until this is fixed, this version of adf.toml is not used \
             (docs/configuration.md describes the file)",
            e.message
        ),
    )
}
