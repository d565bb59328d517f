//! JSON pointers (RFC 6901) resolved to byte ranges, so an ignore can name one place in a file
//! that holds no comments.

use crate::diagnostic::TextRange;
use crate::json;
use adf_syntax::ast::Value;
use adf_syntax::ParseOptions;

/// The byte range a JSON pointer names in a text: for an object member, its name and value
/// (findings about a property sit on its name); for an array element or the root, the value.
/// `None` when the pointer does not lead anywhere. Property names match exactly.
pub fn resolve_pointer(text: &str, pointer: &str) -> Option<TextRange> {
    let parsed = adf_syntax::parse(text, &ParseOptions::default());
    let mut value = parsed.value.as_ref()?;
    let mut range: TextRange = json::range(value).into();
    if pointer.is_empty() {
        return Some(range);
    }
    let rest = pointer.strip_prefix('/')?;
    for raw in rest.split('/') {
        let token = raw.replace("~1", "/").replace("~0", "~");
        match value {
            Value::Object(obj) => {
                let prop = obj.properties.iter().find(|p| json::name(p) == token)?;
                value = &prop.value;
                range = TextRange::new(json::name_range(prop).start, json::range(value).end);
            }
            Value::Array(arr) => {
                // RFC 6901: no leading zeros, no signs.
                if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
                    return None;
                }
                let index: usize = token.parse().ok()?;
                value = arr.elements.get(index)?;
                range = json::range(value).into();
            }
            _ => return None,
        }
    }
    Some(range)
}
