//! `xml(value)` and `xpath(xml, expression)`.
//!
//! An XML value is a content object of type `application/xml;charset=utf-8` holding the
//! document as .NET's `XmlDocument.OuterXml` writes it (see [`crate::eval::xml`]). `xpath`
//! returns an array of nodes for a node-set, each element as an XML value and any other node
//! as its text (observed in Logic Apps, IllogicApps ManipulationFunctionsTests.fs: `/r/b` gives
//! `[{"$content-type": "application/xml;charset=utf-8", ...}]`, `/r/*/text()` gives strings,
//! `sum(/r/v)` gives 15.0); a number, string or boolean for the other XPath results.

use super::{Call, Outcome};
use crate::eval::value::Value;
use crate::eval::xml::{self, XML_TYPE};
use crate::eval::xpath::{self, XNode, XValue};

/// The XML functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "xml" => to_xml(c),
        "xpath" => run_xpath(c),
        _ => return None,
    })
}

/// `xml(value)`: a string is read as an XML document; binary or XML content is taken as XML
/// without being read (observed in Logic Apps: `xml(binary('<'))` succeeds); an object is
/// converted by Json.NET's rules (the reference's examples).
fn to_xml(c: &Call<'_>) -> Outcome {
    let v = c.arg(0);
    if let Some((_, bytes)) = v.as_content() {
        return Ok(Value::content_of(XML_TYPE, &bytes));
    }
    let text = match v {
        Value::String(s) => {
            let doc = xml::parse(s).map_err(|e| {
                c.fail_at(
                    0,
                    format!("The function 'xml' was given text that is not XML: {e}."),
                )
            })?;
            xml::outer_xml(&doc)
        }
        Value::Object(_) => xml::from_json(v).map_err(|e| {
            c.fail_at(
                0,
                format!("The function 'xml' cannot convert the object to XML: {e}."),
            )
        })?,
        other => {
            return Err(c.fail_at(
                0,
                format!(
                    "The template language function 'xml' expects its parameter to be a string \
                     or an object. The provided value is of type '{}'.",
                    other.type_name()
                ),
            ))
        }
    };
    Ok(Value::content_of(XML_TYPE, text.as_bytes()))
}

/// `xpath(xml, expression)`.
fn run_xpath(c: &Call<'_>) -> Outcome {
    let Some((_, bytes)) = c.arg(0).as_content() else {
        return Err(c.fail_at(
            0,
            format!(
                "The template language function 'xpath' expects its first parameter to be an \
                 XML object (made with xml()). The provided value is of type '{}'.",
                c.arg(0).type_name()
            ),
        ));
    };
    let path = c.str(1)?;
    let text = String::from_utf8_lossy(&bytes);
    let doc = xml::parse(&text).map_err(|e| {
        c.fail_at(
            0,
            format!("The function 'xpath' was given content that is not XML: {e}."),
        )
    })?;
    let result = xpath::evaluate(&doc, path).map_err(|e| {
        c.fail_at(
            1,
            format!("The function 'xpath' cannot evaluate '{path}': {e}."),
        )
    })?;
    Ok(match result {
        XValue::Nodes(nodes) => {
            c.check_items(nodes.len())?;
            Value::Array(
                nodes
                    .iter()
                    .map(|n| match n {
                        XNode::Node(node) if node.is_element() => {
                            Value::content_of(XML_TYPE, xml::node_xml(*node).as_bytes())
                        }
                        XNode::Node(node) if node.is_root() => {
                            Value::content_of(XML_TYPE, xml::outer_xml(&doc).as_bytes())
                        }
                        other => Value::String(other.string_value()),
                    })
                    .collect(),
            )
        }
        XValue::Number(f) => Value::Float(f),
        XValue::Str(s) => c.string_result(s)?,
        XValue::Bool(b) => Value::Bool(b),
    })
}
