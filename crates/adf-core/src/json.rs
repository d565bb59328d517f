//! Small helpers over the syntax tree, and JSON string quoting.

use adf_syntax::ast::{Object, ObjectProp, ObjectPropName, Value};
use adf_syntax::Range;

/// A property's name as written (unescaped).
pub fn name<'a>(prop: &'a ObjectProp<'_>) -> &'a str {
    match &prop.name {
        ObjectPropName::String(s) => s.value.as_ref(),
        ObjectPropName::Word(w) => w.value,
    }
}

/// The range of a property's name, quotes included.
pub fn name_range(prop: &ObjectProp<'_>) -> Range {
    match &prop.name {
        ObjectPropName::String(s) => s.range,
        ObjectPropName::Word(w) => w.range,
    }
}

/// The property with this name: exact match first, then ASCII case-insensitive (ADF matches
/// property names without regard to case); of a name written twice, the last (as `JSON.parse`
/// and Json.NET read it).
pub fn get<'o, 'a>(obj: &'o Object<'a>, key: &str) -> Option<&'o ObjectProp<'a>> {
    obj.properties
        .iter()
        .rev()
        .find(|p| name(p) == key)
        .or_else(|| {
            obj.properties
                .iter()
                .rev()
                .find(|p| name(p).eq_ignore_ascii_case(key))
        })
}

/// Bit `n` is set when one of `names` is `n` bytes long (each shorter than 64): a filter that
/// settles most keys of a hot path by their length alone, before comparing names.
pub(crate) const fn length_bits(names: &[&str]) -> u64 {
    let mut bits = 0u64;
    let mut i = 0;
    while i < names.len() {
        bits |= 1 << names[i].len();
        i += 1;
    }
    bits
}

/// Whether a key of `len` bytes may be one of the names of `bits` ([`length_bits`]).
pub(crate) fn may_be_of_length(bits: u64, len: usize) -> bool {
    len < 64 && bits & (1 << len) != 0
}

/// Whether some key of the object is written more than once.
pub fn has_repeats(obj: &Object<'_>) -> bool {
    let props = &obj.properties;
    // Runs for every object of every file, and keys nearly never repeat: one bit per key from
    // its length and end bytes settles most objects in one pass; a shared bit (a repeat, or two
    // keys alike in those) goes on to the exact comparison.
    let mut seen = 0u64;
    let mut alike = false;
    for p in props {
        let key = name(p).as_bytes();
        let (first, last) = (key.first().copied(), key.last().copied());
        let mix =
            key.len() as u64 * 7 + u64::from(first.unwrap_or(0)) * 3 + u64::from(last.unwrap_or(0));
        let bit = 1u64 << (mix % 64);
        if seen & bit != 0 {
            alike = true;
            break;
        }
        seen |= bit;
    }
    if !alike {
        return false;
    }
    // Most objects are small: comparing pairs costs less than hashing, and allocates nothing.
    if props.len() <= 16 {
        // Length and first byte tell most names apart without a call to compare memory.
        let same = |a: &str, b: &str| {
            a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
        };
        return props
            .iter()
            .enumerate()
            .any(|(i, p)| props[i + 1..].iter().any(|q| same(name(q), name(p))));
    }
    let mut seen = foldhash::HashSet::with_capacity_and_hasher(props.len(), Default::default());
    !props.iter().all(|p| seen.insert(name(p)))
}

/// Whether each property is overridden by a later one of the same name (it is then ignored, as
/// `JSON.parse` ignores it), in the object's order; empty (no allocation) when no key repeats,
/// which is nearly always: read it with [`is_gone`].
pub fn overridden(obj: &Object<'_>) -> Vec<bool> {
    if !has_repeats(obj) {
        return Vec::new();
    }
    let mut seen = foldhash::HashSet::default();
    let mut out: Vec<bool> = obj
        .properties
        .iter()
        .rev()
        .map(|p| !seen.insert(name(p)))
        .collect();
    out.reverse();
    out
}

/// Whether the property at `index` is overridden, per [`overridden`]'s answer.
pub fn is_gone(gone: &[bool], index: usize) -> bool {
    gone.get(index).copied().unwrap_or(false)
}

/// The properties that are not overridden by a later one of the same name, in order.
pub fn live<'o, 'a>(obj: &'o Object<'a>) -> impl Iterator<Item = &'o ObjectProp<'a>> {
    let gone = overridden(obj);
    obj.properties
        .iter()
        .enumerate()
        .filter(move |(i, _)| !is_gone(&gone, *i))
        .map(|(_, p)| p)
}

/// The string value of a property, if it is a string.
pub fn get_str<'o>(obj: &'o Object<'_>, key: &str) -> Option<&'o str> {
    match get(obj, key).map(|p| &p.value) {
        Some(Value::StringLit(s)) => Some(s.value.as_ref()),
        _ => None,
    }
}

/// The object value of a property, if it is an object.
pub fn get_obj<'o, 'a>(obj: &'o Object<'a>, key: &str) -> Option<&'o Object<'a>> {
    match get(obj, key).map(|p| &p.value) {
        Some(Value::Object(o)) => Some(o),
        _ => None,
    }
}

/// The range of any value.
pub fn range(value: &Value<'_>) -> Range {
    adf_syntax::value_range(value)
}

/// A string as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_quoted(s, &mut out);
    out
}

/// Appends a string as a JSON string literal, escaping as `JSON.stringify` does: `"`, `\` and
/// control characters only.
pub fn write_quoted(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &str) -> bool {
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        match &parsed.value {
            Some(Value::Object(o)) => has_repeats(o),
            _ => panic!("not an object: {text}"),
        }
    }

    #[test]
    fn repeats_are_found_past_the_one_pass_filter() {
        assert!(!repeats(r#"{}"#));
        assert!(!repeats(r#"{"name": 1, "type": 2, "typeProperties": 3}"#));
        // Same length and end bytes: the filter cannot tell them apart, the comparison can.
        assert!(!repeats(r#"{"axb": 1, "ayb": 2}"#));
        assert!(repeats(r#"{"name": 1, "type": 2, "name": 3}"#));
        assert!(repeats(r#"{"": 1, "": 2}"#));
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        assert!(!repeats(&format!("{{{}}}", many.join(","))));
        assert!(repeats(&format!("{{{}, \"k7\": 0}}", many.join(","))));
    }
}
