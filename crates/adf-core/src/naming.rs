//! What Data Factory accepts as an entity name (Microsoft's naming rules page, and ADF Studio's
//! message for integration runtimes; sources on the `invalid-name` rule's page). The rule and
//! rename both ask it.

use adf_catalog::EntityKind;

/// Characters the naming rules page forbids in linked service, dataset, pipeline and data flow
/// names.
const FORBIDDEN: &[char] = &['.', '+', '?', '/', '<', '>', '*', '%', '&', ':', '\\'];

/// What is wrong with `name` for an entity of this kind, if anything; `None` for kinds the
/// naming rules page does not cover.
pub fn problem(kind: EntityKind, name: &str) -> Option<String> {
    match kind {
        EntityKind::LinkedService
        | EntityKind::Dataset
        | EntityKind::Pipeline
        | EntityKind::DataFlow => {
            let bad: String = name.chars().filter(|c| FORBIDDEN.contains(c)).collect();
            let mut shown: Vec<char> = bad.chars().collect();
            shown.dedup();
            (!shown.is_empty()).then(|| {
                let list: Vec<String> = shown.iter().map(|c| format!("`{c}`")).collect();
                format!(
                    "holds {} which Data Factory does not accept in {} names",
                    list.join(", "),
                    kind.words()
                )
            })
        }
        EntityKind::IntegrationRuntime => {
            let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            let dashes_ok = !name.starts_with('-') && !name.ends_with('-') && !name.contains("--");
            (!(chars_ok && dashes_ok)).then(|| {
                "may hold only letters, digits and single dashes between them, starting and \
                 ending with a letter or digit"
                    .to_string()
            })
        }
        _ => None,
    }
}
