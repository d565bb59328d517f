//! Text from the files quoted in messages, cut to a readable length: a 5 MB property name must
//! not come back whole in every finding, CI log and baseline.

use std::borrow::Cow;

/// Characters of a quoted name or value a message keeps.
pub const QUOTED_CHARS: usize = 80;

/// Longest stretch of unquoted message text kept: the rules' own prose is shorter (the longest
/// over the corpus is under 180), so a longer one holds input that slipped past the quotes.
const PROSE_CHARS: usize = 240;

/// `s` cut to [`QUOTED_CHARS`] characters with `…` when longer.
pub fn clip(s: &str) -> Cow<'_, str> {
    clip_to(s, QUOTED_CHARS, QUOTED_CHARS)
}

/// `s` cut to `keep` characters with `…` when longer than `limit`.
fn clip_to(s: &str, limit: usize, keep: usize) -> Cow<'_, str> {
    match s.char_indices().nth(limit) {
        Some(_) => {
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", s.get(..end).unwrap_or(s)))
        }
        None => Cow::Borrowed(s),
    }
}

/// A message with every over-long quoted part cut to [`QUOTED_CHARS`]: text between backticks
/// past that length, and any other stretch between backticks or double quotes past
/// [`PROSE_CHARS`] (a value in double quotes, a name holding a backtick).
pub(crate) fn clip_message(message: String) -> String {
    if message.len() <= QUOTED_CHARS {
        return message;
    }
    let mut out = String::new();
    let mut changed = false;
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let limit = if i % 2 == 1 {
            QUOTED_CHARS
        } else {
            PROSE_CHARS
        };
        for (j, piece) in part.split('"').enumerate() {
            if j > 0 {
                out.push('"');
            }
            let clipped = clip_to(piece, limit, QUOTED_CHARS);
            changed |= matches!(clipped, Cow::Owned(_));
            out.push_str(&clipped);
        }
    }
    if changed {
        out
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_and_short_ones_kept() {
        let long = "n".repeat(5_000_000);
        let message = clip_message(format!("unknown property `{long}`; did you mean `name`?"));
        assert_eq!(
            message,
            format!(
                "unknown property `{}…`; did you mean `name`?",
                "n".repeat(80)
            )
        );
        let short = "`timeout` must be a timespan, found \"2h\"".to_string();
        assert_eq!(clip_message(short.clone()), short);
        assert_eq!(
            clip("é".repeat(81).as_str()),
            format!("{}…", "é".repeat(80))
        );
    }

    #[test]
    fn input_that_slips_past_the_quotes_is_cut_too() {
        let long = "v".repeat(10_000);
        let message = clip_message(format!("found \"{long}\""));
        assert!(message.len() < 400, "{}", message.len());
        let message = clip_message(format!("property `a`{long}` is unknown"));
        assert!(message.len() < 600, "{}", message.len());
    }
}
