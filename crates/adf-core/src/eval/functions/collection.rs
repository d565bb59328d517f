//! Collection functions over strings, arrays and (for some) objects.

use super::{equal, Call, Outcome, Want};
use crate::eval::value::Value;

/// The collection functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "contains" => contains(c),
        "empty" => empty(c),
        "first" => end(c, true),
        "last" => end(c, false),
        "intersection" => intersection(c),
        "union" => union(c),
        "join" => join(c),
        "length" => length(c),
        "skip" => skip_take(c, true),
        "take" => skip_take(c, false),
        _ => return None,
    })
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `contains`: a substring (case-sensitive, as the reference says), an item of an array, a
/// key of an object.
fn contains(c: &Call<'_>) -> Outcome {
    let found = match (c.arg(0), c.arg(1)) {
        (Value::String(s), Value::String(part)) => s.contains(part.as_str()),
        (Value::String(_), _) => return Err(c.type_error(1, Want::Str)),
        (Value::Array(items), item) => items.iter().any(|x| equal(x, item)),
        (obj @ Value::Object(_), Value::String(key)) => obj.get(key).is_some(),
        (Value::Object(_), _) => return Err(c.type_error(1, Want::Str)),
        _ => {
            return Err(c.fail_at(
                0,
                format!(
                    "The template language function 'contains' expects its first parameter \
                     to be a dictionary (object), an array or a string. The provided value is \
                     of type '{}'.",
                    c.arg(0).type_name()
                ),
            ))
        }
    };
    Ok(Value::Bool(found))
}

/// `empty`: no characters, items or properties. Chosen: `null` is empty (pipelines use
/// `empty(...)` to test for an omitted value).
fn empty(c: &Call<'_>) -> Outcome {
    Ok(Value::Bool(match c.arg(0) {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => return Err(c.type_error(0, Want::Collection)),
    }))
}

/// `first` / `last`. Chosen: of an empty string or array, null.
fn end(c: &Call<'_>, first: bool) -> Outcome {
    Ok(match c.arg(0) {
        Value::String(s) => {
            let ch = if first {
                s.chars().next()
            } else {
                s.chars().next_back()
            };
            ch.map_or(Value::Null, |ch| Value::String(ch.to_string()))
        }
        Value::Array(a) => {
            let item = if first { a.first() } else { a.last() };
            item.cloned().unwrap_or(Value::Null)
        }
        _ => return Err(c.type_error(0, Want::Collection)),
    })
}

fn length(c: &Call<'_>) -> Outcome {
    match c.arg(0) {
        Value::String(s) => Ok(Value::Int(utf16_len(s) as i64)),
        Value::Array(a) => Ok(Value::Int(a.len() as i64)),
        _ => Err(c.type_error(0, Want::Collection)),
    }
}

fn join(c: &Call<'_>) -> Outcome {
    let items = c.array(0)?;
    let delimiter = c.str(1)?;
    let size: usize = items.iter().map(Value::weight).sum::<usize>()
        + delimiter.len().saturating_mul(items.len());
    if size > crate::eval::value::MAX_STRING {
        return Err(c.too_long());
    }
    let texts: Vec<String> = items.iter().map(Value::to_text).collect();
    c.string_result(texts.join(delimiter))
}

/// `skip` / `take` on an array (and `take` on a string). Chosen: a count past the end takes
/// everything; a negative count is an error.
fn skip_take(c: &Call<'_>, skip: bool) -> Outcome {
    let n = c.int(1)?;
    let Ok(n) = usize::try_from(n) else {
        return Err(c.fail_at(
            1,
            format!(
                "The template language function '{}' expects its second parameter to be a \
                 non-negative integer. The provided value is '{n}'.",
                c.name()
            ),
        ));
    };
    match c.arg(0) {
        Value::Array(a) => {
            let at = n.min(a.len());
            let part = if skip { a.get(at..) } else { a.get(..at) };
            Ok(Value::Array(part.unwrap_or(&[]).to_vec()))
        }
        Value::String(s) => {
            let units: Vec<u16> = s.encode_utf16().collect();
            let at = n.min(units.len());
            let part = if skip {
                units.get(at..)
            } else {
                units.get(..at)
            };
            Ok(Value::String(String::from_utf16_lossy(part.unwrap_or(&[]))))
        }
        _ => Err(c.type_error(0, if skip { Want::Array } else { Want::Collection })),
    }
}

/// The arguments as all arrays or all objects (the reference: "but not both").
enum Collections<'v> {
    Arrays(Vec<&'v [Value]>),
    Objects(Vec<&'v [(String, Value)]>),
}

/// Most items `union` and `intersection` compare in all (chosen: their comparisons are
/// quadratic, and a browser tab must not hang on `union(range(0, 100000), ...)`).
const MAX_SET_ITEMS: usize = 10_000;

fn collections<'v>(c: &'v Call<'_>) -> Result<Collections<'v>, crate::eval::EvalError> {
    let total: usize = c
        .args
        .iter()
        .map(|a| match &a.value {
            Value::Array(x) => x.len(),
            Value::Object(x) => x.len(),
            _ => 0,
        })
        .sum();
    if total > MAX_SET_ITEMS {
        return Err(c.fail(format!(
            "The function '{}' was given {total} items in all, more than the {MAX_SET_ITEMS} \
             this evaluator compares.",
            c.name()
        )));
    }
    let mismatch = |i: usize| {
        c.fail_at(
            i,
            format!(
                "The template language function '{}' expects parameters of the same type: all \
                 arrays or all objects. The provided value is of type '{}'.",
                c.name(),
                c.arg(i).type_name()
            ),
        )
    };
    match c.arg(0) {
        Value::Array(_) => {
            let mut all = Vec::new();
            for (i, a) in c.args.iter().enumerate() {
                match &a.value {
                    Value::Array(items) => all.push(items.as_slice()),
                    _ => return Err(mismatch(i)),
                }
            }
            Ok(Collections::Arrays(all))
        }
        Value::Object(_) => {
            let mut all = Vec::new();
            for (i, a) in c.args.iter().enumerate() {
                match &a.value {
                    Value::Object(props) => all.push(props.as_slice()),
                    _ => return Err(mismatch(i)),
                }
            }
            Ok(Collections::Objects(all))
        }
        _ => Err(mismatch(0)),
    }
}

/// Items of every array (first-seen order, no repeats); for objects, every property, the last
/// one of a name winning (as the reference says).
fn union(c: &Call<'_>) -> Outcome {
    match collections(c)? {
        Collections::Arrays(arrays) => {
            let mut out: Vec<Value> = Vec::new();
            for item in arrays.into_iter().flatten() {
                if !out.iter().any(|x| equal(x, item)) {
                    out.push(item.clone());
                }
            }
            Ok(Value::Array(out))
        }
        Collections::Objects(objects) => {
            let mut out: Vec<(String, Value)> = Vec::new();
            for (k, v) in objects.into_iter().flatten() {
                match out.iter_mut().find(|(key, _)| key == k) {
                    Some(slot) => slot.1 = v.clone(),
                    None => out.push((k.clone(), v.clone())),
                }
            }
            Ok(Value::Object(out))
        }
    }
}

/// Items in every array (order of the first); for objects, the properties every object has with
/// equal values (chosen: the reference only shows arrays).
fn intersection(c: &Call<'_>) -> Outcome {
    match collections(c)? {
        Collections::Arrays(arrays) => {
            let (first, rest) = arrays
                .split_first()
                .map_or((&[][..], &[][..]), |(f, r)| (*f, r));
            let mut out: Vec<Value> = Vec::new();
            for item in first {
                let everywhere = rest.iter().all(|a| a.iter().any(|x| equal(x, item)));
                if everywhere && !out.iter().any(|x| equal(x, item)) {
                    out.push(item.clone());
                }
            }
            Ok(Value::Array(out))
        }
        Collections::Objects(objects) => {
            let (first, rest) = objects
                .split_first()
                .map_or((&[][..], &[][..]), |(f, r)| (*f, r));
            let mut out = Vec::new();
            for (k, v) in first {
                let mut last = v;
                let everywhere = rest
                    .iter()
                    .all(|o| match o.iter().find(|(key, _)| key == k) {
                        Some((_, w)) if equal(v, w) => {
                            last = w;
                            true
                        }
                        _ => false,
                    });
                if everywhere {
                    out.push((k.clone(), last.clone()));
                }
            }
            Ok(Value::Object(out))
        }
    }
}
