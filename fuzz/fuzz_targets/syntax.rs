//! The syntax layer on arbitrary bytes: valid UTF-8 as is, anything else read lossily (as the
//! hosts do after decoding). Parsing never panics and every range lies on the text's character
//! boundaries.
#![no_main]

use adf_syntax::ast::{ObjectPropName, Value};
use adf_syntax::{parse, parse_recovering, LineIndex, ParseOptions, PastEnd, Range, Unit};
use libfuzzer_sys::fuzz_target;

fn assert_range(text: &str, r: Range) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} past {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{r:?}"
    );
}

fn assert_tree(text: &str, value: &Value<'_>) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::StringLit(s) => assert_range(text, s.range),
            Value::NumberLit(n) => assert_range(text, n.range),
            Value::BooleanLit(b) => assert_range(text, b.range),
            Value::NullKeyword(n) => assert_range(text, n.range),
            Value::Array(a) => {
                assert_range(text, a.range);
                stack.extend(a.elements.iter());
            }
            Value::Object(o) => {
                assert_range(text, o.range);
                for p in &o.properties {
                    assert_range(text, p.range);
                    if let ObjectPropName::String(name) = &p.name {
                        assert_range(text, name.range);
                    }
                    stack.push(&p.value);
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = ParseOptions::default();
    for parsed in [parse(&text, &options), parse_recovering(&text, &options)] {
        for e in &parsed.errors {
            assert_range(&text, e.range);
        }
        if let Some(v) = &parsed.value {
            assert_tree(&text, v);
        }
    }
    // Positions round-trip through the line index the adapters use, from any offset.
    let lines = LineIndex::new(&text);
    for at in [
        0,
        text.len() / 3,
        text.len() / 2,
        text.len(),
        text.len() + 1,
    ] {
        for unit in [Unit::Utf16, Unit::Utf8, Unit::Chars] {
            let pos = lines.position(&text, at, unit);
            let back = lines.offset(&text, pos, unit, PastEnd::Clamp);
            let back = back.unwrap_or_else(|e| panic!("{at} -> {pos:?}: {e}"));
            assert!(back <= text.len() && text.is_char_boundary(back));
        }
    }
});
