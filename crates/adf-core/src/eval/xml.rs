//! XML for `xml()` and `xpath()`: reading a document (bounded), writing it back as .NET's
//! `XmlDocument.OuterXml` does, and converting a JSON object to XML by Json.NET's rules.
//!
//! What the service writes was observed in Logic Apps, which shares the expression engine
//! (https://github.com/ScoreUnder/IllogicApps, XmlConversionTests.fs): `@{xml('<root/>')}` is
//! `<root />`; white-space-only text between elements is dropped; comments are kept; character
//! references are resolved; `xml(json('{"ro:ot": "text"}'))` is `<ot>text</ot>` and characters
//! that cannot be in a name become `_xHHHH_` (`"ro ot"` gives `<ro_x0020_ot>`).

use super::value::{Value, MAX_ITEMS, MAX_STRING};
use std::fmt::Write as _;

/// The content type of XML values (observed: `xml('<test/>')` is
/// `{"$content-type": "application/xml;charset=utf-8", "$content": "PHRlc3QgLz4="}`).
pub const XML_TYPE: &str = "application/xml;charset=utf-8";

/// Deepest element nesting read, so that walks over a document stay shallow.
pub const MAX_XML_DEPTH: usize = 256;

/// Reads an XML document: DTDs allowed (roxmltree bounds entity expansion), at most
/// [`MAX_ITEMS`] nodes and [`MAX_XML_DEPTH`] levels.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, String> {
    if text.len() > MAX_STRING {
        return Err(format!("the XML is longer than {MAX_STRING} bytes"));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_ITEMS as u32,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    // Depth of every node, from its parent's (nodes come in document order, parents first).
    let mut depth = vec![0usize; doc.descendants().count() + 2];
    for node in doc.descendants() {
        let d = node
            .parent()
            .and_then(|p| depth.get(p.id().get_usize()).copied())
            .map_or(0, |d| d + 1);
        if d > MAX_XML_DEPTH {
            return Err(format!(
                "the XML nests deeper than {MAX_XML_DEPTH} elements"
            ));
        }
        if let Some(slot) = depth.get_mut(node.id().get_usize()) {
            *slot = d;
        }
    }
    Ok(doc)
}

/// The document as `OuterXml` writes it: the XML declaration (normalized), then the top-level
/// comments, processing instructions and the root element. Chosen: a DOCTYPE is left out and
/// CDATA sections are written as escaped text (the reader does not keep them apart).
pub fn outer_xml(doc: &roxmltree::Document<'_>) -> String {
    let mut out = declaration(doc.input_text());
    for child in doc.root().children() {
        write_node(child, false, &mut out);
    }
    out
}

/// One node as `OuterXml` writes it, with the namespaces in scope declared on it when it is an
/// element taken out of its document (as `xpath()` returns nodes: the reference's example gives
/// `<location xmlns="...">Paris</location>`).
pub fn node_xml(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    write_node(node, true, &mut out);
    out
}

/// `<?xml version="1.0" encoding="utf-8"?>` rewritten from the document's own declaration.
fn declaration(text: &str) -> String {
    let Some(rest) = text.strip_prefix("<?xml") else {
        return String::new();
    };
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return String::new();
    }
    let Some(end) = rest.find("?>") else {
        return String::new();
    };
    let body = rest.get(..end).unwrap_or("");
    let mut out = "<?xml".to_string();
    let mut s = body;
    while let Some(eq) = s.find('=') {
        let name = s.get(..eq).unwrap_or("").trim();
        let after = s.get(eq + 1..).unwrap_or("").trim_start();
        let Some(quote) = after.chars().next().filter(|q| *q == '"' || *q == '\'') else {
            break;
        };
        let inner = after.get(1..).unwrap_or("");
        let Some(close) = inner.find(quote) else {
            break;
        };
        let _ = write!(out, " {name}=\"{}\"", inner.get(..close).unwrap_or(""));
        s = inner.get(close + 1..).unwrap_or("");
    }
    out.push_str("?>");
    out
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The element's name with its prefix as bound in scope.
fn qualified(node: roxmltree::Node<'_, '_>, namespace: Option<&str>, local: &str) -> String {
    match namespace.and_then(|uri| node.lookup_prefix(uri)) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{local}"),
        _ => local.to_string(),
    }
}

/// The namespace bindings to declare on an element: all in scope when it stands alone, else
/// those its parent does not have.
fn declared<'a>(
    node: roxmltree::Node<'a, '_>,
    standalone: bool,
) -> Vec<(Option<&'a str>, &'a str)> {
    let parent: Vec<(Option<&str>, &str)> = match node.parent_element() {
        Some(p) if !standalone => p.namespaces().map(|n| (n.name(), n.uri())).collect(),
        _ => Vec::new(),
    };
    node.namespaces()
        .map(|n| (n.name(), n.uri()))
        .filter(|(name, _)| *name != Some("xml"))
        .filter(|b| !parent.contains(b))
        .collect()
}

/// Writes a node. Element nesting is bounded by [`MAX_XML_DEPTH`] at parse time, so the
/// recursion is too.
fn write_node(node: roxmltree::Node<'_, '_>, standalone: bool, out: &mut String) {
    match node.node_type() {
        roxmltree::NodeType::Root => {
            for child in node.children() {
                write_node(child, false, out);
            }
        }
        roxmltree::NodeType::Element => {
            let tag = node.tag_name();
            let name = qualified(node, tag.namespace(), tag.name());
            out.push('<');
            out.push_str(&name);
            for (prefix, uri) in declared(node, standalone) {
                match prefix {
                    Some(p) => {
                        let _ = write!(out, " xmlns:{p}=\"");
                    }
                    None => out.push_str(" xmlns=\""),
                }
                escape_attr(uri, out);
                out.push('"');
            }
            for a in node.attributes() {
                let attr = match a.namespace().and_then(|uri| node.lookup_prefix(uri)) {
                    Some(p) if !p.is_empty() => format!("{p}:{}", a.name()),
                    _ => a.name().to_string(),
                };
                let _ = write!(out, " {attr}=\"");
                escape_attr(a.value(), out);
                out.push('"');
            }
            let children: Vec<_> = node.children().filter(|c| !is_blank(*c)).collect();
            if children.is_empty() {
                let source = node.document().input_text().get(node.range());
                if source.is_some_and(|s| s.ends_with("/>")) {
                    out.push_str(" />");
                } else {
                    let _ = write!(out, "></{name}>");
                }
                return;
            }
            out.push('>');
            for child in children {
                write_node(child, false, out);
            }
            let _ = write!(out, "</{name}>");
        }
        roxmltree::NodeType::Text => escape_text(node.text().unwrap_or(""), out),
        roxmltree::NodeType::Comment => {
            let _ = write!(out, "<!--{}-->", node.text().unwrap_or(""));
        }
        roxmltree::NodeType::PI => {
            if let Some(pi) = node.pi() {
                let _ = match pi.value {
                    Some(v) => write!(out, "<?{} {v}?>", pi.target),
                    None => write!(out, "<?{}?>", pi.target),
                };
            }
        }
    }
}

/// White space alone between elements, which `XmlDocument` does not keep.
fn is_blank(node: roxmltree::Node<'_, '_>) -> bool {
    node.is_text()
        && node
            .text()
            .is_some_and(|t| t.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')))
}

/// A JSON object as XML text, by Json.NET's `DeserializeXmlNode` rules as the reference states
/// them: one root property, not an array; `@name` properties are attributes, `#text` is text,
/// `#cdata-section` is CDATA; arrays repeat their element; null is an empty element. An empty
/// object gives an empty document (observed in Logic Apps).
pub fn from_json(v: &Value) -> Result<String, String> {
    let Value::Object(props) = v else {
        return Err(format!(
            "a JSON object is needed; the value is of type '{}'",
            v.type_name()
        ));
    };
    let mut out = String::new();
    let mut roots = props.iter().filter(|(k, _)| !k.starts_with('?'));
    // `?xml` is the declaration, written first.
    if let Some((_, Value::Object(decl))) = props.iter().find(|(k, _)| k == "?xml") {
        out.push_str("<?xml");
        for (name, value) in decl {
            let _ = write!(out, " {}=\"", name.trim_start_matches('@'));
            escape_attr(&value.to_text(), &mut out);
            out.push('"');
        }
        out.push_str("?>");
    }
    let Some((name, value)) = roots.next() else {
        return Ok(out);
    };
    if roots.next().is_some() {
        return Err(
            "the JSON object has more than one root property; XML needs a single root element"
                .into(),
        );
    }
    if matches!(value, Value::Array(_)) {
        return Err(
            "the JSON object's root property is an array; XML needs a single root element".into(),
        );
    }
    element(name, value, 0, &mut out)?;
    if out.len() > MAX_STRING {
        return Err(format!("the XML would be longer than {MAX_STRING} bytes"));
    }
    Ok(out)
}

/// Writes `value` as element(s) named `name`.
fn element(name: &str, value: &Value, depth: usize, out: &mut String) -> Result<(), String> {
    if depth > MAX_XML_DEPTH {
        return Err(format!("the JSON nests deeper than {MAX_XML_DEPTH} levels"));
    }
    if out.len() > MAX_STRING {
        return Err(format!("the XML would be longer than {MAX_STRING} bytes"));
    }
    let tag = xml_name(name);
    match value {
        Value::Array(items) => {
            for item in items {
                element(name, item, depth + 1, out)?;
            }
        }
        Value::Null => {
            let _ = write!(out, "<{tag} />");
        }
        Value::Object(props) => {
            let _ = write!(out, "<{tag}");
            for (k, v) in props {
                if let Some(attr) = k.strip_prefix('@') {
                    let _ = write!(out, " {}=\"", xml_name(attr));
                    escape_attr(&scalar_text(v), out);
                    out.push('"');
                }
            }
            let body: Vec<&(String, Value)> =
                props.iter().filter(|(k, _)| !k.starts_with('@')).collect();
            if body.is_empty() {
                out.push_str(" />");
                return Ok(());
            }
            out.push('>');
            for (k, v) in body {
                match k.as_str() {
                    "#text" => escape_text(&scalar_text(v), out),
                    "#cdata-section" => {
                        let text = scalar_text(v);
                        if text.contains("]]>") {
                            return Err("a CDATA section cannot contain ']]>'".into());
                        }
                        let _ = write!(out, "<![CDATA[{text}]]>");
                    }
                    _ => element(k, v, depth + 1, out)?,
                }
            }
            let _ = write!(out, "</{tag}>");
        }
        other => {
            let _ = write!(out, "<{tag}>");
            escape_text(&scalar_text(other), out);
            let _ = write!(out, "</{tag}>");
        }
    }
    Ok(())
}

/// A scalar as Json.NET writes it into XML: booleans in lower case (JSON's spelling).
fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(""),
        other => other.to_text(),
    }
}

/// A JSON property name as an XML name (.NET's `XmlConvert.EncodeName`): a prefix is dropped
/// (observed: `"ro:ot"` gives `<ot>`), characters that cannot be in a name become `_xHHHH_`.
fn xml_name(name: &str) -> String {
    let local = name.rsplit(':').next().unwrap_or(name);
    let mut out = String::with_capacity(local.len());
    for (i, c) in local.chars().enumerate() {
        let ok = if i == 0 {
            c.is_alphabetic() || c == '_'
        } else {
            c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
        };
        if ok {
            out.push(c);
        } else {
            let _ = write!(out, "_x{:04X}_", u32::from(c));
        }
    }
    if out.is_empty() {
        out.push_str("_x0000_");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(t: &str) -> String {
        parse(t).map_or_else(|e| format!("error: {e}"), |d| outer_xml(&d))
    }

    #[test]
    fn outer_xml_as_the_service_writes_it() {
        assert_eq!(round("<root/>"), "<root />");
        assert_eq!(round("<root></root>"), "<root></root>");
        assert_eq!(
            round("<root> <!-- a --> b <!-- c --> </root>"),
            "<root><!-- a --> b <!-- c --></root>"
        );
        assert_eq!(
            round("<?xml version='1.0'\tencoding=\"utf-8\"?><root attr=\"o&quot;h\">&#65;</root>"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><root attr=\"o&quot;h\">A</root>"
        );
        assert_eq!(
            round("<aaa:root xmlns:aaa=\"test\"><aaa:x/></aaa:root>"),
            "<aaa:root xmlns:aaa=\"test\"><aaa:x /></aaa:root>"
        );
        assert!(round("<one/><two/>").starts_with("error:"));
        assert!(round("some text").starts_with("error:"));
        assert!(round("<a><b></a>").starts_with("error:"));
        assert!(round("<aaa:root />").starts_with("error:"));
    }

    #[test]
    fn deep_or_explosive_xml_is_refused() {
        let deep = format!("{}{}", "<a>".repeat(5000), "</a>".repeat(5000));
        assert!(round(&deep).contains("deeper"));
        let ok = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
        assert!(!round(&ok).starts_with("error:"));
        let laughs = r#"<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><r>&g;</r>"#;
        assert!(round(laughs).starts_with("error:"));
    }

    #[test]
    fn json_becomes_xml_by_json_net_rules() {
        let x = |j: &str| {
            Value::from_json(j)
                .map_err(|e| e.to_string())
                .and_then(|v| from_json(&v))
                .unwrap_or_else(|e| format!("error: {e}"))
        };
        assert_eq!(x(r#"{"name": "Sophia Owen"}"#), "<name>Sophia Owen</name>");
        assert_eq!(
            x(r#"{"person": {"name": "Sophia Owen", "city": "Seattle"}}"#),
            "<person><name>Sophia Owen</name><city>Seattle</city></person>"
        );
        assert_eq!(x(r#"{"ro:ot": "text"}"#), "<ot>text</ot>");
        assert_eq!(
            x(r#"{"ro ot": "a<b"}"#),
            "<ro_x0020_ot>a&lt;b</ro_x0020_ot>"
        );
        assert_eq!(
            x(r##"{"r": {"@a": "q\"", "v": [1, 2], "n": null, "#text": "t"}}"##),
            "<r a=\"q&quot;\"><v>1</v><v>2</v><n />t</r>"
        );
        assert_eq!(x("{}"), "");
        assert!(x(r#"{"a": 1, "b": 2}"#).starts_with("error:"));
        assert!(x(r#"{"a": [1]}"#).starts_with("error:"));
        assert!(x(r##"{"r": {"#cdata-section": "]]>"}}"##).starts_with("error:"));
    }
}
