//! Output formats of the CLI.

pub mod json;
pub mod source;
pub mod text;

/// The `adf rules` table.
pub fn rules_table() -> String {
    let mut out = format!(
        "{:<8} {:<28} {:<8} {}\n",
        "CODE", "RULE", "SEVERITY", "SUMMARY"
    );
    for r in adf_core::RULES {
        out.push_str(&format!(
            "{:<8} {:<28} {:<8} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    out
}
