//! "Did you mean": nearest names by edit distance.

/// Optimal-string-alignment distance, case-insensitive, capped at `limit + 1` to stay cheap.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    // A character takes 1 to 4 bytes: lengths this far apart differ by more than `limit`
    // characters, and a 5 MB name is not decoded once per candidate.
    if a.len() / 4 > b.len() + limit || b.len() / 4 > a.len() + limit {
        return limit + 1;
    }
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

/// The largest distance still taken as a plausible typo of `name`.
pub fn typo_limit(name: &str) -> usize {
    (name.chars().count() / 3).clamp(1, 3)
}

/// Up to `max` candidates near `name`, nearest first (ties keep the candidates' order); a
/// candidate that contains a name of three letters or more counts as near (typed in part).
pub fn nearest<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    max: usize,
) -> Vec<&'c str> {
    ranked(name, candidates, max, true)
}

/// The candidates within typo distance of `name` (a near miss of the whole name, not a name
/// that merely contains it), nearest first.
pub fn typos<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    max: usize,
) -> Vec<&'c str> {
    ranked(name, candidates, max, false)
}

fn ranked<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    max: usize,
    partial: bool,
) -> Vec<&'c str> {
    let limit = typo_limit(name);
    let lower = name.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let d = distance(name, c, limit);
            // A name typed in part is as good as a typo of the whole.
            let d = if partial && lower.len() >= 3 && c.to_lowercase().contains(&lower) {
                d.min(limit)
            } else {
                d
            };
            (d <= limit).then_some((d, c))
        })
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// Formats candidates as "did you mean `a`, `b`?" or an empty string.
pub fn did_you_mean(names: &[&str]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    format!("; did you mean {}?", list.join(" or "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("linkedServiceName", "linkedServiceName", 3), 0);
        assert_eq!(distance("linkedServiceNmae", "linkedServiceName", 3), 1);
        assert_eq!(distance("abc", "xyzuvw", 2), 3);
        assert_eq!(distance("AzureBlob", "azureblob", 2), 0);
    }

    #[test]
    fn nearest_first() {
        let c = ["typeProperties", "type", "policy", "description"];
        assert_eq!(nearest("typeProperty", c, 3), vec!["typeProperties"]);
        assert!(nearest("zzzzzzzz", c, 3).is_empty());
    }

    #[test]
    fn typos_are_whole_name_near_misses() {
        let c = ["queryTimeout", "sqlReaderQuery", "typeProperties"];
        assert_eq!(typos("typeProperty", c, 3), vec!["typeProperties"]);
        // Contained in a longer name, but no typo of it.
        assert!(typos("query", c, 3).is_empty());
    }
}
