//! Evaluating ADF expressions: a walk over the tree of [`crate::expr::syntax`] (no second
//! parser) with the functions of `adf_catalog::FUNCTIONS`, over the inputs of a [`Context`].
//!
//! Inputs that are not given make the value [`Value::Unknown`], listing what it needs; nothing is
//! invented. Errors name the function, the value's type and the sub-expression's range. The
//! walk is bounded: the parser stops at 64 levels, results are capped by [`value::MAX_STRING`]
//! and [`value::MAX_ITEMS`], and nothing panics on input.

pub mod activity;
pub mod context;
pub mod defaults;
mod functions;
pub mod time;
pub mod value;
pub mod whatif;
pub mod xml;
pub mod xpath;
pub mod zones;

#[cfg(test)]
mod conformance;

pub use context::Context;
pub use time::DateTime;
pub use value::Value;

use crate::expr::syntax::{parse_template, Accessor, Expr, ExprKind, Ident};
use std::ops::Range;

/// Why an expression cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// What went wrong (Data Factory's wording where it is known).
    pub message: String,
    /// The sub-expression at fault (byte offsets in the evaluated text).
    pub range: Range<usize>,
}

/// Evaluates a property's string value as ADF does: a whole expression (`@...`), text with
/// `@{...}` interpolations (always a string), `@@` escapes, or plain text.
pub fn evaluate(text: &str, ctx: &Context) -> Result<Value, EvalError> {
    let template = parse_template(text);
    if let Some(e) = template.errors.first() {
        return Err(EvalError {
            message: e.message.clone(),
            range: e.range.clone(),
        });
    }
    let walk = Walk { text, ctx };
    if let Some(rest) = text.strip_prefix("@@") {
        // A leading `@@` is a literal `@` and the rest is text as written.
        return Ok(Value::String(format!("@{rest}")));
    }
    if template.whole {
        return match template.exprs.first() {
            Some(e) => walk.expr(e),
            None => Ok(Value::String(text.to_string())),
        };
    }
    if template.exprs.is_empty() && !text.contains("@@") {
        return Ok(Value::String(text.to_string()));
    }
    walk.interpolate(&template.exprs)
}

/// Adds the needs of an unknown value to a list (sorted, no repeats).
fn merge_needs(into: &mut Vec<String>, v: &Value) {
    if let Value::Unknown(needs) = v {
        for n in needs {
            if !into.contains(n) {
                into.push(n.clone());
            }
        }
        into.sort();
    }
}

/// One evaluation: the text (for ranges and `?` markers) and the inputs.
struct Walk<'a> {
    text: &'a str,
    ctx: &'a Context,
}

impl Walk<'_> {
    fn fail(&self, message: String, range: Range<usize>) -> EvalError {
        EvalError { message, range }
    }

    /// The text of a sub-expression, for messages.
    fn shown(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }

    /// Text with `@{...}`: each value as text (see [`Value::to_text`]); `@@` is a literal `@`
    /// (documented before `{`; chosen elsewhere in the text too, because the parser reads `@@`
    /// as an escape anywhere, so `a@@@{x}` is `a@` and the value of `x`).
    fn interpolate(&self, exprs: &[Expr]) -> Result<Value, EvalError> {
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut needs = Vec::new();
        let mut exprs = exprs.iter();
        let mut i = 0;
        let mut literal_from = 0;
        while i < bytes.len() {
            match (bytes.get(i), bytes.get(i + 1)) {
                (Some(b'@'), Some(b'@')) => {
                    out.push_str(self.text.get(literal_from..i).unwrap_or(""));
                    out.push('@');
                    i += 2;
                    literal_from = i;
                }
                (Some(b'@'), Some(b'{')) => {
                    out.push_str(self.text.get(literal_from..i).unwrap_or(""));
                    let Some(e) = exprs.next() else { break };
                    let v = self.expr(e)?;
                    match &v {
                        Value::Unknown(_) => merge_needs(&mut needs, &v),
                        _ => out.push_str(&v.to_text()),
                    }
                    if out.len() > value::MAX_STRING {
                        return Err(self.fail(too_long(), e.range.clone()));
                    }
                    // The parser closed the interpolation at the next `}` after the expression.
                    let close = self
                        .text
                        .get(e.range.end..)
                        .and_then(|r| r.find('}'))
                        .map_or(bytes.len(), |c| e.range.end + c + 1);
                    i = close;
                    literal_from = i;
                }
                _ => i += 1,
            }
        }
        out.push_str(self.text.get(literal_from..).unwrap_or(""));
        if needs.is_empty() {
            Ok(Value::String(out))
        } else {
            Ok(Value::Unknown(needs))
        }
    }

    fn expr(&self, e: &Expr) -> Result<Value, EvalError> {
        let v = match &e.kind {
            ExprKind::Str(s) => Value::String(s.clone()),
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Null => Value::Null,
            ExprKind::Missing => {
                return Err(self.fail("the expression is incomplete".into(), e.range.clone()))
            }
            ExprKind::Call { name, args, .. } => {
                let v = self.call(name, args, e)?;
                // Computed values are bounded; inputs (an activity's output of a few MB) are
                // read as given.
                if v.weight() > value::MAX_STRING
                    || matches!(&v, Value::Array(a) if a.len() > value::MAX_ITEMS)
                {
                    return Err(self.fail(too_long(), e.range.clone()));
                }
                v
            }
            ExprKind::Access { target, path } => self.access(target, path, e)?,
        };
        Ok(v)
    }

    fn call(&self, name: &Ident, args: &[Expr], e: &Expr) -> Result<Value, EvalError> {
        let Some(f) = adf_catalog::function(&name.text) else {
            return Err(self.fail(
                format!(
                    "The template function '{}' is not defined or not valid.",
                    name.text
                ),
                name.range.clone(),
            ));
        };
        let count = args.len();
        if count < usize::from(f.min) || f.max.is_some_and(|m| count > usize::from(m)) {
            let expected = match f.max {
                Some(m) if m == f.min => format!("{m}"),
                Some(m) => format!("{} to {m}", f.min),
                None => format!("at least {}", f.min),
            };
            return Err(self.fail(
                format!(
                    "The function '{}' expects {expected} parameter(s) but was given {count}.",
                    f.name
                ),
                e.range.clone(),
            ));
        }
        let mut values = Vec::with_capacity(count);
        for a in args {
            values.push(functions::Arg {
                value: self.expr(a)?,
                range: a.range.clone(),
            });
        }
        functions::call(&functions::Call {
            function: f,
            args: values,
            range: e.range.clone(),
            ctx: self.ctx,
        })
    }

    /// Whether the step at `at` (the start of a member name or an index expression) was written
    /// with `?` (`?.name`, `?[index]`): the parser keeps no mark of it, the text does.
    fn optional(&self, at: usize, opener: u8) -> bool {
        let before = self.text.get(..at).unwrap_or("").trim_end();
        before
            .strip_suffix(opener as char)
            .is_some_and(|b| b.trim_end().ends_with('?'))
    }

    /// The key of a step: a member's name, or the value of an index expression.
    fn step_key(&self, step: &Accessor) -> Result<Value, EvalError> {
        match step {
            Accessor::Member(id) => Ok(Value::String(id.text.clone())),
            Accessor::Index(ix) => self.expr(ix),
        }
    }

    fn step_end(step: &Accessor) -> usize {
        match step {
            Accessor::Member(id) => id.range.end,
            Accessor::Index(ix) => ix.range.end + 1,
        }
    }

    /// `pipeline().X...` and `activity('A').X...` read the context directly; the value and how
    /// many steps were used, or `None` for any other target.
    fn context_root(
        &self,
        target: &Expr,
        path: &[Accessor],
    ) -> Result<Option<(Value, usize)>, EvalError> {
        let ExprKind::Call { name, args, .. } = &target.kind else {
            return Ok(None);
        };
        let key_text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        if name.text.eq_ignore_ascii_case("pipeline") && args.is_empty() {
            let Some(first) = path.first() else {
                return Ok(None);
            };
            let first_key = self.step_key(first)?;
            let Some(first_name) = key_text(&first_key) else {
                // An unknown key makes the whole access unknown; any other is the generic walk's.
                return Ok(
                    matches!(first_key, Value::Unknown(_)).then_some((first_key, path.len()))
                );
            };
            let scoped = if first_name.eq_ignore_ascii_case("parameters") {
                Some((&self.ctx.parameters, "parameters"))
            } else if first_name.eq_ignore_ascii_case("globalParameters") {
                Some((&self.ctx.global_parameters, "globalParameters"))
            } else {
                None
            };
            if let Some((list, scope)) = scoped {
                let Some(second) = path.get(1) else {
                    return Ok(Some((Value::unknown(format!("pipeline().{scope}")), 1)));
                };
                let key = self.step_key(second)?;
                let Some(param) = key_text(&key) else {
                    if matches!(key, Value::Unknown(_)) {
                        return Ok(Some((key, path.len())));
                    }
                    let range = target.range.start..Self::step_end(second);
                    return Err(self.fail(
                        format!(
                            "The template language expression '{}' cannot be evaluated because \
                             parameters are named by strings, not by a value of type '{}'.",
                            self.shown(&range),
                            key.type_name()
                        ),
                        range,
                    ));
                };
                let input = format!("pipeline().{scope}.{param}");
                return Ok(Some((self.read(list, &param, input), 2)));
            }
            let input = format!("pipeline().{first_name}");
            return Ok(Some((self.read(&self.ctx.system, &first_name, input), 1)));
        }
        // `dataset().X` and `linkedService().X` read the entity's parameters: one not given is
        // unknown (not a missing property).
        let scope = ["dataset", "linkedService"]
            .into_iter()
            .find(|s| name.text.eq_ignore_ascii_case(s));
        if let (Some(scope), true, Some(first)) = (scope, args.is_empty(), path.first()) {
            let key = self.step_key(first)?;
            let Some(param) = key_text(&key) else {
                return Ok(matches!(key, Value::Unknown(_)).then_some((key, path.len())));
            };
            let input = format!("{scope}().{param}");
            let v = match context::lookup(&self.ctx.functions, scope).and_then(|o| o.get(&param)) {
                Some(v) => {
                    self.ctx.note(input);
                    v.clone()
                }
                None => Value::unknown(input),
            };
            return Ok(Some((v, 1)));
        }
        if name.text.eq_ignore_ascii_case("activity") && args.len() == 1 {
            let (Some(arg), Some(first)) = (args.first(), path.first()) else {
                return Ok(None);
            };
            let activity = self.expr(arg)?;
            let Value::String(activity) = activity else {
                return Ok(None);
            };
            let key = self.step_key(first)?;
            let Some(member) = key_text(&key) else {
                return Ok(None);
            };
            let input = format!("activity('{activity}').{member}");
            let v = if member.eq_ignore_ascii_case("output") {
                self.read(&self.ctx.activity_outputs, &activity, input)
            } else {
                Value::unknown(input)
            };
            return Ok(Some((v, 1)));
        }
        Ok(None)
    }

    /// An input by name, noted as read; unknown (needing `input`) when not given.
    fn read(&self, list: &[(String, Value)], name: &str, input: String) -> Value {
        match context::lookup(list, name) {
            Some(v) => {
                self.ctx.note(input);
                v.clone()
            }
            None => Value::unknown(input),
        }
    }

    fn access(&self, target: &Expr, path: &[Accessor], e: &Expr) -> Result<Value, EvalError> {
        let (mut v, used) = match self.context_root(target, path)? {
            Some(root) => root,
            None => (self.expr(target)?, 0),
        };
        for step in path.iter().skip(used) {
            if matches!(v, Value::Unknown(_)) {
                return Ok(v);
            }
            let (key, optional) = match step {
                Accessor::Member(id) => (
                    Value::String(id.text.clone()),
                    self.optional(id.range.start, b'.'),
                ),
                Accessor::Index(ix) => (self.expr(ix)?, self.optional(ix.range.start, b'[')),
            };
            if matches!(key, Value::Unknown(_)) {
                return Ok(key);
            }
            let range = e.range.start..Self::step_end(step).min(e.range.end);
            v = self.select(v, &key, optional, range)?;
        }
        Ok(v)
    }

    /// One step: a property of an object, an item of an array.
    fn select(
        &self,
        v: Value,
        key: &Value,
        optional: bool,
        range: Range<usize>,
    ) -> Result<Value, EvalError> {
        let shown = self.shown(&range).to_string();
        match (v, key) {
            (Value::Object(props), Value::String(name)) => {
                let obj = Value::Object(props);
                if let Some(found) = obj.get(name) {
                    return Ok(found.clone());
                }
                if optional {
                    return Ok(Value::Null);
                }
                let available = match &obj {
                    Value::Object(props) => props
                        .iter()
                        .map(|(k, _)| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => String::new(),
                };
                Err(self.fail(
                    format!(
                        "The template language expression '{shown}' cannot be evaluated because \
                         property '{name}' doesn't exist, available properties are '{available}'."
                    ),
                    range,
                ))
            }
            (Value::Array(items), Value::Int(i)) => {
                let len = items.len();
                match usize::try_from(*i)
                    .ok()
                    .and_then(|i| items.into_iter().nth(i))
                {
                    Some(item) => Ok(item),
                    None if optional => Ok(Value::Null),
                    None => Err(self.fail(
                        format!(
                            "The template language expression '{shown}' cannot be evaluated \
                             because array index '{i}' is outside bounds (0, {}) of array.",
                            len as i64 - 1
                        ),
                        range,
                    )),
                }
            }
            (Value::Null, _) if optional => Ok(Value::Null),
            (v @ (Value::Object(_) | Value::Array(_)), key) => Err(self.fail(
                format!(
                    "The template language expression '{shown}' cannot be evaluated because a \
                     value of type '{}' cannot be indexed by a value of type '{}'.",
                    v.type_name(),
                    key.type_name()
                ),
                range,
            )),
            (v, key) => {
                let what = match key {
                    Value::String(name) => format!("property '{name}' cannot be selected"),
                    other => format!("index '{}' cannot be applied", other.to_text()),
                };
                Err(self.fail(
                    format!(
                        "The template language expression '{shown}' cannot be evaluated because \
                         {what}. Property selection is not supported on values of type '{}'.",
                        v.type_name()
                    ),
                    range,
                ))
            }
        }
    }
}

fn too_long() -> String {
    format!(
        "the result is larger than this evaluator allows ({} bytes of text or {} items)",
        value::MAX_STRING,
        value::MAX_ITEMS
    )
}

#[cfg(test)]
mod tests;
