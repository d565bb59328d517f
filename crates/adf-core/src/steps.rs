//! A count of the steps that searches over a file's activities and the graph take, which tests
//! read to bound their growth (a doubled input must not take four times the steps). Outside
//! tests it counts nothing.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps (lookups, comparisons, visits).
#[inline]
pub(crate) fn step(_n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get().saturating_add(_n)));
}

/// The steps `f` took on this thread.
#[cfg(test)]
pub(crate) fn counted<R>(f: impl FnOnce() -> R) -> (R, usize) {
    STEPS.with(|s| s.set(0));
    let r = f();
    (r, STEPS.with(std::cell::Cell::get))
}

/// A pipeline of `n` activities in a chain (each waits on the one before), with one mistake
/// at the end: activity `A{i}` with `reads(i) = Some(j)` is a Set Variable of
/// `activity('A{j}').output`, the others are Waits.
#[cfg(test)]
pub(crate) fn chain(n: usize, reads: impl Fn(usize) -> Option<usize>, mistake: &str) -> String {
    let mut acts = Vec::new();
    for i in 0..n {
        let depends = match i {
            0 => String::new(),
            _ => format!(
                r#", "dependsOn": [{{"activity": "A{}", "dependencyConditions": ["Succeeded"]}}]"#,
                i - 1
            ),
        };
        let body = match reads(i) {
            Some(j) => format!(
                r#""type": "SetVariable", "typeProperties": {{"variableName": "v", "value": "@string(activity('A{j}').output)"}}"#
            ),
            None => r#""type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}"#.to_string(),
        };
        acts.push(format!(r#"{{"name": "A{i}", {body}{depends}}}"#));
    }
    acts.push(mistake.to_string());
    format!(
        r#"{{"name": "Chain", "properties": {{"variables": {{"v": {{"type": "String"}}}}, "activities": [
{}
]}}}}"#,
        acts.join(",\n")
    )
}

/// The findings of one pipeline file (rule names) and the steps its check took.
#[cfg(test)]
pub(crate) fn check_pipeline(text: &str) -> (Vec<&'static str>, usize) {
    let file = crate::SourceFile {
        path: "f/pipeline/Chain.json",
        text,
    };
    let (reports, steps) = counted(|| crate::check_files(&[file], &crate::CheckOptions::default()));
    let rules = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.rule.name)
        // Chains of thousands of activities are over Data Factory's limits by design.
        .filter(|r| !matches!(*r, "too-many-activities" | "entity-too-large"))
        .collect();
    (rules, steps)
}
