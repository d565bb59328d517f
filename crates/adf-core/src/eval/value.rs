//! The values an expression evaluates to, their JSON form and their text inside `@{...}`.

/// Longest string (in bytes) an evaluation may build: longer results are an error, so that
/// `replace` or `concat` nested 64 deep cannot eat the memory of a browser tab.
pub const MAX_STRING: usize = 1 << 20;
/// Most items an array or object may hold (`range(0, 100000000)` is an error, not 800 MB).
pub const MAX_ITEMS: usize = 100_000;
/// Largest JSON text read as an input or by `json()` (an activity's output is at most 4 MB in
/// the service; room to spare).
pub const MAX_INPUT: usize = 16 << 20;
/// Deepest JSON nesting read from `json()` or from inputs (the expression parser stops at 64
/// too), so walks over values stay shallow.
pub const MAX_JSON_DEPTH: usize = 64;

/// An expression value. Objects keep their keys in the order written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A 64-bit integer (ADF's integers are .NET `long`s).
    Int(i64),
    /// A double.
    Float(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in order.
    Object(Vec<(String, Value)>),
    /// Not computable without these inputs (sorted, no repeats), e.g. `pipeline().parameters.X`.
    Unknown(Vec<String>),
}

impl Value {
    /// An unknown value needing one input.
    pub fn unknown(need: impl Into<String>) -> Self {
        Value::Unknown(vec![need.into()])
    }

    /// The type's name as Data Factory's messages spell it ('Null', 'String', 'Integer', ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "Null",
            Value::Bool(_) => "Boolean",
            Value::Int(_) => "Integer",
            Value::Float(_) => "Float",
            Value::String(_) => "String",
            Value::Array(_) => "Array",
            Value::Object(_) => "Object",
            Value::Unknown(_) => "Unknown",
        }
    }

    /// The property of an object by name: exact spelling first, then ignoring ASCII case
    /// (chosen: ADF reads property names of JSON without regard to case elsewhere, see
    /// `crate::json::get`).
    pub fn get(&self, key: &str) -> Option<&Value> {
        let Value::Object(props) = self else {
            return None;
        };
        props
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .or_else(|| {
                props
                    .iter()
                    .rev()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
            })
            .map(|(_, v)| v)
    }

    /// Compact JSON; an unknown value is written as the word `unknown` (never valid JSON, so
    /// it can never pass for a real value).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_json(*f)),
            Value::String(s) => crate::json::write_quoted(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Value::Object(props) => {
                out.push('{');
                for (i, (k, v)) in props.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    crate::json::write_quoted(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
            Value::Unknown(_) => out.push_str("unknown"),
        }
    }

    /// A content value: the object the service makes of binary data and XML,
    /// `{"$content-type": ..., "$content": <base64>}` (observed in Logic Apps, which shares the
    /// expression engine: `binary('test')` gives `{"$content-type": "application/octet-stream",
    /// "$content": "dGVzdA=="}`, https://github.com/ScoreUnder/IllogicApps, tests of binary and XML
    /// conversions). `content` is kept as given (base64ToBinary keeps its argument's spelling).
    pub fn content(content_type: &str, content: String) -> Value {
        Value::Object(vec![
            (
                "$content-type".to_string(),
                Value::String(content_type.to_string()),
            ),
            ("$content".to_string(), Value::String(content)),
        ])
    }

    /// A content value holding these bytes.
    pub fn content_of(content_type: &str, bytes: &[u8]) -> Value {
        Value::content(content_type, super::functions::base64_encode(bytes))
    }

    /// The content type and bytes of a content value (an object with `$content-type` and a
    /// base64 `$content`); `None` for any other value or a `$content` that is not base64.
    pub fn as_content(&self) -> Option<(&str, Vec<u8>)> {
        let Value::Object(props) = self else {
            return None;
        };
        let find = |key: &str| {
            props.iter().rev().find_map(|(k, v)| match v {
                Value::String(s) if k == key => Some(s.as_str()),
                _ => None,
            })
        };
        let content_type = find("$content-type")?;
        let bytes = super::functions::base64_decode(find("$content")?)?;
        Some((content_type, bytes))
    }

    /// The text of the value where a string is needed: inside `@{...}`, `string()`, `join`.
    ///
    /// Documented: strings as they are, numbers as digits (`@{...}` of 42 is "42"). Chosen
    /// (not documented): booleans as .NET writes them, `True`/`False` (the service is .NET, and
    /// users report booleans turning into `True` when passed on as text:
    /// https://techcommunity.microsoft.com/discussions/azuredatafactory/azure-adf-boolean-parameter-changes-from-true-to-true-and-false-to-false/4519898);
    /// null as the empty string; arrays and objects as compact JSON; a content value (binary,
    /// XML) as its bytes read as UTF-8, invalid sequences replaced (observed in Logic Apps:
    /// `@{base64ToBinary('test')}` is "\u{fffd}\u{fffd}-", IllogicApps' binary conversion tests).
    pub fn to_text(&self) -> String {
        if let Some((_, bytes)) = self.as_content() {
            return String::from_utf8_lossy(&bytes).into_owned();
        }
        match self {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            Value::Bool(true) => "True".to_string(),
            Value::Bool(false) => "False".to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_text(*f),
            _ => self.to_json(),
        }
    }

    /// A rough size of the value in bytes, for the output bounds.
    pub fn weight(&self) -> usize {
        match self {
            Value::String(s) => s.len(),
            Value::Array(items) => items.iter().map(Value::weight).sum::<usize>() + items.len(),
            Value::Object(props) => props.iter().map(|(k, v)| k.len() + v.weight() + 1).sum(),
            _ => 8,
        }
    }

    /// Reads an input typed by a user or on a command line: JSON when the text parses as JSON
    /// (`42`, `true`, `[1]`, `{"a": 1}`, `"quoted"`), else the text itself as a string (`Ada`,
    /// `2026-01-01`), so that plain words need no quotes.
    pub fn from_input(text: &str) -> Value {
        Value::from_json(text).unwrap_or_else(|_| Value::String(text.to_string()))
    }

    /// Reads JSON text (the argument of `json()`, an input given on the command line).
    pub fn from_json(text: &str) -> Result<Value, String> {
        let options = adf_syntax::ParseOptions {
            max_depth: MAX_JSON_DEPTH,
            max_size: MAX_INPUT,
        };
        let parsed = adf_syntax::parse(text, &options);
        if let Some(e) = parsed.errors.first() {
            return Err(e.message.clone());
        }
        parsed
            .value
            .as_ref()
            .map(from_ast)
            .ok_or_else(|| "no JSON value".to_string())
    }
}

/// Converts a parsed JSON tree (depth bounded by the parser) into a value.
pub fn from_ast(v: &adf_syntax::ast::Value<'_>) -> Value {
    use adf_syntax::ast::Value as A;
    match v {
        A::NullKeyword(_) => Value::Null,
        A::BooleanLit(b) => Value::Bool(b.value),
        A::NumberLit(n) => match n.value.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => n.value.parse::<f64>().map_or(Value::Null, Value::Float),
        },
        A::StringLit(s) => Value::String(s.value.to_string()),
        A::Array(a) => Value::Array(a.elements.iter().map(from_ast).collect()),
        A::Object(o) => Value::Object(
            o.properties
                .iter()
                .map(|p| (crate::json::name(p).to_string(), from_ast(&p.value)))
                .collect(),
        ),
    }
}

/// A float as JSON: always with a fraction or exponent, so it reads back as a float
/// (chosen: Json.NET, which the service uses, writes 3.0 as `3.0`).
fn float_json(f: f64) -> String {
    if !f.is_finite() {
        return "null".to_string();
    }
    format!("{f:?}")
}

/// A float as text: the shortest digits that read back, without a needless `.0`
/// (.NET's `Double.ToString()` since .NET Core 3.0 writes 3.0 as "3", 10.333 as "10.333").
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_key_order_and_marks_floats() {
        let v = Value::from_json(r#"{"b": 1, "a": [true, null, 2.5, "x"], "c": 3.0}"#);
        assert_eq!(
            v.map(|v| v.to_json()),
            Ok(r#"{"b":1,"a":[true,null,2.5,"x"],"c":3.0}"#.to_string())
        );
        assert_eq!(Value::Float(3.0).to_text(), "3");
        assert_eq!(Value::unknown("x").to_json(), "unknown");
    }

    #[test]
    fn deep_json_is_refused() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(Value::from_json(&deep).is_err());
    }
}
