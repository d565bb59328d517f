//! What Data Factory accepts as an entity name (Microsoft's naming rules page, the name patterns
//! and lengths of Microsoft's ARM schema for `Microsoft.DataFactory`, and ADF Studio's message
//! for integration runtimes; sources on the `invalid-name` rule's page). The rule and rename both
//! ask it.

use adf_catalog::EntityKind;

/// Characters the naming rules page forbids in linked service, dataset, pipeline and data flow
/// names, and `#`, which the ARM schema's name pattern of these kinds forbids as well.
const FORBIDDEN: &[char] = &['.', '+', '?', '/', '<', '>', '*', '%', '&', ':', '\\', '#'];

/// The longest linked service, dataset, pipeline, data flow, trigger or change data capture
/// name (ARM schema, `maxLength` 260).
pub const MAX_ARTIFACT: usize = 260;

/// The shortest and longest factory or integration runtime name (naming rules page for the
/// factory; ARM schema `minLength` 3 and `maxLength` 63 for both).
pub const FACTORY_LEN: (usize, usize) = (3, 63);

/// The longest credential, managed virtual network or managed private endpoint name (ARM
/// schema, `maxLength` 127).
pub const MAX_MANAGED: usize = 127;

/// What is wrong with `name` for an entity of this kind, if anything; `None` for kinds no
/// Microsoft source gives rules for (global parameters, activities).
pub fn problem(kind: EntityKind, name: &str) -> Option<String> {
    let len = name.chars().count();
    match kind {
        EntityKind::LinkedService
        | EntityKind::Dataset
        | EntityKind::Pipeline
        | EntityKind::DataFlow
        | EntityKind::Trigger
        | EntityKind::ChangeDataCapture => {
            let mut shown: Vec<char> = name.chars().filter(|c| FORBIDDEN.contains(c)).collect();
            shown.sort_by_key(|c| name.find(*c));
            shown.dedup();
            if !shown.is_empty() {
                let list: Vec<String> = shown.iter().map(|c| format!("`{c}`")).collect();
                return Some(format!(
                    "holds {} which Data Factory does not accept in {} names",
                    list.join(", "),
                    kind.words()
                ));
            }
            // The naming rules page asks for a letter first, but deployed factories start names
            // with digits; the ARM schema's pattern takes a letter, digit or underscore.
            let first = name.chars().next()?;
            if !(first.is_ascii_alphanumeric() || first == '_') {
                return Some(format!(
                    "starts with `{first}`; a {} name starts with a letter, digit or underscore",
                    kind.words()
                ));
            }
            too_long(kind, len, MAX_ARTIFACT)
        }
        EntityKind::IntegrationRuntime | EntityKind::Factory => {
            let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            let dashes_ok = !name.starts_with('-') && !name.ends_with('-') && !name.contains("--");
            if !(chars_ok && dashes_ok) {
                return Some(
                    "may hold only letters, digits and single dashes between them, starting and \
                     ending with a letter or digit"
                        .to_string(),
                );
            }
            let (min, max) = FACTORY_LEN;
            if len < min {
                return Some(format!(
                    "is {len} characters long; a {} name has at least {min}",
                    kind.words()
                ));
            }
            too_long(kind, len, max)
        }
        EntityKind::Credential
        | EntityKind::ManagedVirtualNetwork
        | EntityKind::ManagedPrivateEndpoint => {
            let chars_ok = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let ends_ok = !name.starts_with('-') && !name.ends_with('-');
            if !(chars_ok && ends_ok) {
                return Some(
                    "may hold only letters, digits, underscores and dashes, starting and ending \
                     with a letter, digit or underscore"
                        .to_string(),
                );
            }
            too_long(kind, len, MAX_MANAGED)
        }
        EntityKind::Activity | EntityKind::GlobalParameters => None,
    }
}

fn too_long(kind: EntityKind, len: usize, max: usize) -> Option<String> {
    (len > max).then(|| {
        format!(
            "is {len} characters long; a {} name has at most {max}",
            kind.words()
        )
    })
}
