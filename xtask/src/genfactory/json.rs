//! A minimal JSON tree and a pretty-printer that writes like ADF Studio (`JSON.stringify(x, null,
//! 4)`: 4-space indent, `"key": value`, empty containers as `[]`/`{}`, keys in insertion order).
//! Own code rather than serde_json so that key order is ours and so that the writer can report
//! the byte offset of every reference name it writes (the planted manifest needs positions).

#[derive(Clone)]
pub enum J {
    Bool(bool),
    Int(i64),
    Str(String),
    /// A `referenceName` value; the number identifies the reference site, so that the writer
    /// can tell where in the text the value landed.
    Site(String, usize),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

pub fn s(v: impl Into<String>) -> J {
    J::Str(v.into())
}

pub fn i(v: i64) -> J {
    J::Int(v)
}

pub fn b(v: bool) -> J {
    J::Bool(v)
}

pub fn arr(v: Vec<J>) -> J {
    J::Arr(v)
}

pub fn strs(v: &[&str]) -> J {
    J::Arr(v.iter().map(|x| s(*x)).collect())
}

/// `{"value": "@...", "type": "Expression"}`, the form ADF Studio writes for dynamic content.
pub fn expr(v: impl Into<String>) -> J {
    obj().k("value", s(v)).k("type", s("Expression")).done()
}

pub fn obj() -> ObjBuilder {
    ObjBuilder(Vec::new())
}

/// Builds an object key by key; reads close to the JSON it produces.
#[derive(Clone)]
pub struct ObjBuilder(Vec<(String, J)>);

impl ObjBuilder {
    pub fn k(mut self, key: &str, v: J) -> Self {
        self.0.push((key.to_string(), v));
        self
    }

    pub fn k_opt(self, key: &str, v: Option<J>) -> Self {
        match v {
            Some(v) => self.k(key, v),
            None => self,
        }
    }

    pub fn push(&mut self, key: &str, v: J) {
        self.0.push((key.to_string(), v));
    }

    pub fn done(self) -> J {
        J::Obj(self.0)
    }
}

/// Pretty-prints `v`; each site's (id, byte offset of its opening quote) is appended to `sites`.
pub fn write(v: &J, sites: &mut Vec<(usize, usize)>) -> String {
    let mut out = String::with_capacity(4096);
    write_value(v, 0, &mut out, sites);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn write_value(v: &J, level: usize, out: &mut String, sites: &mut Vec<(usize, usize)>) {
    match v {
        J::Bool(x) => out.push_str(if *x { "true" } else { "false" }),
        J::Int(x) => out.push_str(&x.to_string()),
        J::Str(x) => write_str(x, out),
        J::Site(x, id) => {
            sites.push((*id, out.len()));
            write_str(x, out);
        }
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Obj(items) if items.is_empty() => out.push_str("{}"),
        J::Arr(items) => {
            out.push_str("[\n");
            for (n, item) in items.iter().enumerate() {
                indent(out, level + 1);
                write_value(item, level + 1, out, sites);
                out.push_str(if n + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push(']');
        }
        J::Obj(items) => {
            out.push_str("{\n");
            for (n, (key, item)) in items.iter().enumerate() {
                indent(out, level + 1);
                write_str(key, out);
                out.push_str(": ");
                write_value(item, level + 1, out, sites);
                out.push_str(if n + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
    }
}

/// JSON string escaping as JSON.stringify does it (the core's quoting).
pub fn write_str(x: &str, out: &mut String) {
    adf_core::json::write_quoted(x, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_adf_studio() {
        let v = obj()
            .k("name", s("P\"1"))
            .k("a", arr(vec![]))
            .k("o", obj().done())
            .k("r", J::Site("X".into(), 7))
            .k("l", arr(vec![i(1), b(true)]))
            .done();
        let mut sites = Vec::new();
        let text = write(&v, &mut sites);
        assert_eq!(
            text,
            "{\n    \"name\": \"P\\\"1\",\n    \"a\": [],\n    \"o\": {},\n    \"r\": \"X\",\n    \"l\": [\n        1,\n        true\n    ]\n}"
        );
        assert_eq!(sites.len(), 1);
        assert_eq!(&text[sites[0].1..sites[0].1 + 3], "\"X\"");
    }
}
