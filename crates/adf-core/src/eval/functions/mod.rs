//! The function table's implementations, one module per group of the reference, and the
//! checks they share (argument types with Data Factory's wording, numbers, bounds).

mod binary;
mod collection;
mod conversion;
mod date;
mod logical;
mod math;
mod string;
mod system;
mod xml;

pub(crate) use conversion::{base64_decode, base64_encode};

use super::context::Context;
use super::value::{Value, MAX_ITEMS, MAX_STRING};
use super::EvalError;
use adf_catalog::Function;
use std::ops::Range;

/// Functions of the table this evaluator does not compute yet: a call gives an unknown value
/// that says so. Empty since issue 19 (the WebAssembly build alone leaves the three time zone
/// functions out, see `date::zones`). The conformance test fails when a function is neither here
/// nor covered by a case, so a function added to the table must come with a case or an entry.
pub(crate) const NOT_EVALUATED_YET: &[&str] = &[];

/// An evaluated argument and where it was written.
pub(super) struct Arg {
    /// Its value.
    pub value: Value,
    /// Its sub-expression's range.
    pub range: Range<usize>,
}

/// One call: the function, its evaluated arguments, its range and the inputs.
pub(super) struct Call<'a> {
    /// The catalog entry (its documented spelling is used in messages).
    pub function: &'static Function,
    /// The arguments, evaluated.
    pub args: Vec<Arg>,
    /// The call's range.
    pub range: Range<usize>,
    /// The inputs (clock, random source, variables, ...).
    pub ctx: &'a Context,
}

/// The result of a function.
pub(super) type Outcome = Result<Value, EvalError>;

/// What an argument must be, for the messages.
#[derive(Clone, Copy)]
pub(super) enum Want {
    Str,
    Int,
    Number,
    Bool,
    Array,
    Collection,
    Comparable,
}

impl Want {
    /// As in "expects its parameter to be an array or a string".
    fn phrase(self) -> &'static str {
        match self {
            Want::Str => "a string",
            Want::Int => "an integer",
            Want::Number => "an integer or a float",
            Want::Bool => "a boolean",
            Want::Array => "an array",
            Want::Collection => "an array or a string",
            Want::Comparable => "an integer, a float or a string",
        }
    }

    /// As in "expects its first parameter to be of type string".
    fn of_type(self) -> &'static str {
        match self {
            Want::Str => "of type string",
            Want::Int => "of type integer",
            Want::Number => "of type integer or float",
            Want::Bool => "of type boolean",
            Want::Array => "of type array",
            Want::Collection => "of type array or string",
            Want::Comparable => "of type integer, float or string",
        }
    }
}

/// A number as the reference's math functions see it: integers stay integers until a float
/// joins them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Num {
    I(i64),
    F(f64),
}

impl Num {
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }

    pub(super) fn value(self) -> Value {
        match self {
            Num::I(i) => Value::Int(i),
            Num::F(f) => Value::Float(f),
        }
    }
}

const ORDINALS: [&str; 8] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
];

impl Call<'_> {
    /// The function's documented name.
    pub(super) fn name(&self) -> &'static str {
        self.function.name
    }

    /// An error at the call.
    pub(super) fn fail(&self, message: impl Into<String>) -> EvalError {
        EvalError {
            message: message.into(),
            range: self.range.clone(),
        }
    }

    /// An error at argument `i` (the call when there is none).
    pub(super) fn fail_at(&self, i: usize, message: impl Into<String>) -> EvalError {
        EvalError {
            message: message.into(),
            range: self
                .args
                .get(i)
                .map_or(self.range.clone(), |a| a.range.clone()),
        }
    }

    /// The wrong-type error for argument `i`, worded as Data Factory's: "The function 'length'
    /// expects its parameter to be an array or a string. The provided value is of type 'Null'."
    /// for one-parameter functions, "The template language function 'split' expects its first
    /// parameter to be of type string. ..." for the others.
    pub(super) fn type_error(&self, i: usize, want: Want) -> EvalError {
        let got = self.args.get(i).map_or("Null", |a| a.value.type_name());
        let message = if self.function.max == Some(1) {
            format!(
                "The function '{}' expects its parameter to be {}. The provided value is of \
                 type '{got}'.",
                self.name(),
                want.phrase()
            )
        } else {
            format!(
                "The template language function '{}' expects its {} parameter to be {}. The \
                 provided value is of type '{got}'.",
                self.name(),
                ORDINALS.get(i).copied().unwrap_or("next"),
                want.of_type()
            )
        };
        self.fail_at(i, message)
    }

    /// Argument `i`'s value (null when absent).
    pub(super) fn arg(&self, i: usize) -> &Value {
        self.args.get(i).map_or(&Value::Null, |a| &a.value)
    }

    pub(super) fn str(&self, i: usize) -> Result<&str, EvalError> {
        match self.arg(i) {
            Value::String(s) => Ok(s),
            _ => Err(self.type_error(i, Want::Str)),
        }
    }

    /// An optional string argument (a format): `None` when not given.
    pub(super) fn opt_str(&self, i: usize) -> Result<Option<&str>, EvalError> {
        if i < self.args.len() {
            self.str(i).map(Some)
        } else {
            Ok(None)
        }
    }

    pub(super) fn int(&self, i: usize) -> Result<i64, EvalError> {
        match self.arg(i) {
            Value::Int(n) => Ok(*n),
            _ => Err(self.type_error(i, Want::Int)),
        }
    }

    pub(super) fn num(&self, i: usize) -> Result<Num, EvalError> {
        match self.arg(i) {
            Value::Int(n) => Ok(Num::I(*n)),
            Value::Float(f) => Ok(Num::F(*f)),
            _ => Err(self.type_error(i, Want::Number)),
        }
    }

    pub(super) fn bool(&self, i: usize) -> Result<bool, EvalError> {
        match self.arg(i) {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.type_error(i, Want::Bool)),
        }
    }

    pub(super) fn array(&self, i: usize) -> Result<&[Value], EvalError> {
        match self.arg(i) {
            Value::Array(a) => Ok(a),
            _ => Err(self.type_error(i, Want::Array)),
        }
    }

    /// The error for a string result past the bound.
    pub(super) fn too_long(&self) -> EvalError {
        self.fail(format!(
            "The function '{}' would build a string of more than {MAX_STRING} bytes.",
            self.name()
        ))
    }

    /// A string result, refused when larger than the bound.
    pub(super) fn string_result(&self, s: String) -> Outcome {
        if s.len() > MAX_STRING {
            return Err(self.too_long());
        }
        Ok(Value::String(s))
    }

    /// Refuses an array result of `n` items before it is built.
    pub(super) fn check_items(&self, n: usize) -> Result<(), EvalError> {
        if n > MAX_ITEMS {
            return Err(self.fail(format!(
                "The function '{}' would build an array of {n} items, more than the \
                 {MAX_ITEMS} this evaluator allows.",
                self.name()
            )));
        }
        Ok(())
    }
}

/// Whether any argument is unknown; the merged needs if so.
fn unknown_args(c: &Call<'_>) -> Option<Value> {
    let mut needs = Vec::new();
    for a in &c.args {
        super::merge_needs(&mut needs, &a.value);
    }
    (!needs.is_empty()).then_some(Value::Unknown(needs))
}

/// Runs a function of the table.
pub(super) fn call(c: &Call<'_>) -> Outcome {
    let name = c.name();
    if NOT_EVALUATED_YET.contains(&name) {
        return Ok(Value::unknown(format!("{name}() is not evaluated yet")));
    }
    // `if`, `and`, `or` and `coalesce` can decide with some arguments unknown.
    if let Some(v) = logical::decide_with_unknowns(c) {
        return v;
    }
    if let Some(v) = unknown_args(c) {
        return Ok(v);
    }
    let groups: [fn(&Call<'_>) -> Option<Outcome>; 9] = [
        string::call,
        binary::call,
        xml::call,
        collection::call,
        logical::call,
        conversion::call,
        math::call,
        date::call,
        system::call,
    ];
    for group in groups {
        if let Some(outcome) = group(c) {
            return outcome;
        }
    }
    Ok(Value::unknown(format!("{name}() is not evaluated yet")))
}

/// Deep equality as `equals` sees it: numbers by value whatever their type, `true` equal to 1 and
/// `false` to 0 (the reference's `equals(true, 1)` is true), strings case-sensitively
/// (chosen: the reference does not say).
pub(super) fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => (*x as f64) == *y,
        (Value::Bool(x), Value::Int(n)) | (Value::Int(n), Value::Bool(x)) => i64::from(*x) == *n,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            // Keys through a map: a linear scan per key would be quadratic on large outputs.
            // Chosen: keys compare with their case (the reference does not say).
            let theirs: std::collections::BTreeMap<&str, &Value> =
                y.iter().map(|(k, v)| (k.as_str(), v)).collect();
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| theirs.get(k.as_str()).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}
