//! Facts hidden in v2 property descriptions.
//!
//! About half of the v2 properties have no JSON `type`: the schema authors wrote the type, whether
//! an ADF expression may stand in its place, and sometimes a pattern, into the prose, always with
//! the same few phrasings ("Type: integer (or Expression with resultType integer), minimum: 0").
//! This module pulls out those facts and nothing else; the prose itself never reaches the catalog.

use adf_catalog::JsonType;

/// The .NET timespan pattern the schemas use for every duration (`[d.]hh:mm:ss`).
pub const TIMESPAN_PATTERN: &str = r"((\d+)\.)?(\d\d):(60|([0-5][0-9])):(60|([0-5][0-9]))";

/// What a description says about its property.
#[derive(Debug, Default, PartialEq)]
pub struct DescFacts {
    /// The JSON type(s) named after "Type:" (empty when none is named or the name is not a JSON type).
    pub types: Vec<JsonType>,
    /// An ADF expression may stand here ("or Expression with resultType ...", "or Expression").
    pub expression: bool,
    /// SecureString / AzureKeyVaultSecretReference is mentioned: the value is a secret.
    pub secret: bool,
    /// A `pattern:` clause, as written (without the sentence's closing period).
    pub pattern: Option<String>,
    /// A definition named as the element type: `array of objects(X)` or `itemType: X`.
    pub item_def: Option<String>,
}

/// Extract the facts from one description.
pub fn parse(desc: &str) -> DescFacts {
    let mut facts = DescFacts {
        // "Expression" alone also starts sentences such as "Expression value." that describe the
        // `Expression` object's own fields; only the "or Expression" / "Expression with resultType"
        // phrasings grant the allowance.
        expression: desc.contains("Expression with resultType") || desc.contains("or Expression"),
        secret: desc.contains("SecureString") || desc.contains("AzureKeyVaultSecretReference"),
        ..DescFacts::default()
    };
    if let Some(pos) = desc.find("Type:") {
        let rest = desc[pos + "Type:".len()..].trim_start();
        facts.types = type_words(rest);
        facts.item_def = item_def(rest);
    }
    if desc.contains(TIMESPAN_PATTERN) {
        facts.pattern = Some(TIMESPAN_PATTERN.to_string());
    } else if let Some(pos) = desc.find("pattern: ") {
        // Other `pattern:` clauses do not occur in the 2018-06-01 snapshot; keep what follows up
        // to the end of the sentence so a future one is not silently lost.
        let rest = &desc[pos + "pattern: ".len()..];
        let end = rest.find(". ").unwrap_or(rest.len());
        let pat = rest[..end].trim_end_matches('.').trim();
        if !pat.is_empty() {
            facts.pattern = Some(pat.to_string());
        }
    }
    facts
}

/// The JSON type named at the start of a "Type:" clause.
fn type_words(rest: &str) -> Vec<JsonType> {
    let lower = rest.to_ascii_lowercase();
    // Order matters: "integer" before "int", "key value pairs" is a map (object).
    let table: &[(&str, JsonType)] = &[
        ("string", JsonType::String),
        ("boolean", JsonType::Boolean),
        ("bool", JsonType::Boolean),
        ("integer", JsonType::Integer),
        ("int", JsonType::Integer),
        ("number", JsonType::Number),
        ("double", JsonType::Number),
        ("object", JsonType::Object),
        ("key value pairs", JsonType::Object),
        ("array", JsonType::Array),
        ("list of", JsonType::Array),
    ];
    for (word, ty) in table {
        if let Some(after) = lower.strip_prefix(word) {
            // A whole word only: "int" must not match "integer", "string" not "stringEnum".
            let boundary = after
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if boundary {
                return vec![*ty];
            }
        }
    }
    // Names such as "SqlWriteBehaviorEnum" are SDK enum types without a published value list.
    Vec::new()
}

/// `array of objects(AdditionalColumns)` or `itemType: DatasetDataElement`.
fn item_def(rest: &str) -> Option<String> {
    let name = if let Some(pos) = rest.find("array of objects(") {
        let after = &rest[pos + "array of objects(".len()..];
        after.split(')').next()
    } else if let Some(pos) = rest.find("itemType: ") {
        let after = &rest[pos + "itemType: ".len()..];
        after
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
    } else {
        None
    }?;
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_phrasings() {
        let f = parse("Retry. Type: integer (or Expression with resultType integer), minimum: 0.");
        assert_eq!(f.types, vec![JsonType::Integer]);
        assert!(f.expression);
        assert!(!f.secret);

        let f = parse("Pwd. Type: string, SecureString or AzureKeyVaultSecretReference.");
        assert_eq!(f.types, vec![JsonType::String]);
        assert!(f.secret && !f.expression);

        let f = parse(
            r"Wait. Type: string (or Expression with resultType string), pattern: ((\d+)\.)?(\d\d):(60|([0-5][0-9])):(60|([0-5][0-9])).",
        );
        assert_eq!(f.pattern.as_deref(), Some(TIMESPAN_PATTERN));

        let f = parse("Cols. Type: array of objects(AdditionalColumns) (or Expression with resultType array of objects).");
        assert_eq!(f.types, vec![JsonType::Array]);
        assert_eq!(f.item_def.as_deref(), Some("AdditionalColumns"));

        let f = parse("Flag. Type: Boolean (or Expression with resultType boolean).");
        assert_eq!(f.types, vec![JsonType::Boolean]);

        let f = parse(
            "Mode. Type: SqlWriteBehaviorEnum (or Expression with resultType SqlWriteBehaviorEnum)",
        );
        assert!(f.types.is_empty() && f.expression);

        let f = parse("Value to be set. Could be a static value or Expression.");
        assert!(f.expression && f.types.is_empty());

        let f = parse("Expression value.");
        assert!(!f.expression);
    }
}
