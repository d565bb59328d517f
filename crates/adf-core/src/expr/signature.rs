//! How a function's signature is told to the user (messages and hover say it the same way).

use adf_catalog::Function;

/// The accepted counts in words, e.g. "2 or 3", "at least 1".
pub(crate) fn arity(f: &Function) -> String {
    match f.max {
        Some(max) if max == f.min => format!("{max}"),
        Some(max) if max == f.min + 1 => format!("{} or {max}", f.min),
        Some(max) => format!("{} to {max}", f.min),
        None => format!("at least {}", f.min),
    }
}
