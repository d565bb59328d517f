//! `--format azure-devops`: Azure Pipelines logging commands (`##vso[task.logissue ...]`).
//! Azure DevOps knows only errors and warnings; info and hint findings are printed as log lines
//! of their own, escaped like the commands, so they do not raise issues.
//!
//! The agent runs the first `##vso[` found anywhere in a line (not only at its start) and reads
//! `##[` formatting commands, so text from the files (paths, entity names, messages quoting
//! them) is defused before it is printed: its `##vso[` and `##[` get a space after the `##`.
//! Escapes follow the Azure Pipelines task library (`escapeData` and `escape` in
//! https://github.com/microsoft/azure-pipelines-task-lib/blob/master/node/taskcommand.ts),
//! which the agent reverses: message data `%` → `%AZP25`, CR → `%0D`, LF → `%0A`; property
//! values also `;` → `%3B` and `]` → `%5D`. The agent's parser (`IndexOf("##vso[")`):
//! https://github.com/microsoft/azure-pipelines-agent/blob/master/src/Microsoft.VisualStudio.Services.Agent/Command.cs

use super::{located, summary_line};
use crate::check::RunResult;
use adf_core::Severity;

/// Breaks up what the agent would read as a command: `##vso[` and `##[` become `## vso[` and
/// `## [` (readable, and inert).
pub fn defuse(s: &str) -> String {
    s.replace("##vso[", "## vso[").replace("##[", "## [")
}

/// Makes JSON text inert for the agent without changing what it parses to: `#` is written as
/// `\u0023` where two meet (`#` occurs only inside strings in JSON).
pub fn defuse_json(s: &str) -> String {
    s.replace("##", "#\\u0023")
}

/// Escapes a message: defused, then the agent's rules (`%` first, then CR, LF).
fn data(s: &str) -> String {
    defuse(s)
        .replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `;` and `]` which end properties and the command.
fn property(s: &str) -> String {
    data(s).replace(';', "%3B").replace(']', "%5D")
}

/// Renders every finding as a logging command (info and hint as escaped lines) and a summary.
pub fn render(result: &RunResult) -> String {
    let mut out = String::new();
    for e in &result.errors {
        out.push_str(&format!(
            "##vso[task.logissue type=error;sourcepath={}]{}\n",
            property(&e.file),
            data(&e.message)
        ));
    }
    for l in located(result) {
        let d = l.diagnostic;
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => {
                out.push_str(&format!(
                    "{}({},{}): {} {} {}: {}\n",
                    data(&l.checked.report.path),
                    l.start.0,
                    l.start.1,
                    d.severity.as_str(),
                    d.rule.code,
                    d.rule.name,
                    data(&d.message)
                ));
                continue;
            }
        };
        out.push_str(&format!(
            "##vso[task.logissue type={kind};sourcepath={};linenumber={};columnnumber={};code={}]{}: {}\n",
            property(&l.checked.report.path),
            l.start.0,
            l.start.1,
            property(d.rule.code),
            d.rule.name,
            data(&d.message)
        ));
    }
    out.push_str(&summary_line(result));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_azure_pipelines_documents() {
        assert_eq!(data("50%\nx"), "50%AZP25%0Ax");
        assert_eq!(property("a;b]"), "a%3Bb%5D");
    }

    #[test]
    fn commands_in_text_are_defused() {
        assert_eq!(
            data("x##vso[task.setvariable variable=a]b ##[error]c"),
            "x## vso[task.setvariable variable=a]b ## [error]c"
        );
        assert_eq!(property("###vso[a]"), "### vso[a%5D");
    }
}
