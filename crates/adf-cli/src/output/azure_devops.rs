//! `--format azure-devops`: Azure Pipelines logging commands (`##vso[task.logissue ...]`).
//! Azure DevOps knows only errors and warnings; info and hint findings are printed as plain
//! log lines so they do not raise issues.

use super::{located, summary_line};
use crate::check::RunResult;
use adf_core::Severity;

/// Escapes a message (the agent's rules: `%` first, then CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `;` and `]` which end properties and the command.
fn property(s: &str) -> String {
    data(s).replace(';', "%3B").replace(']', "%5D")
}

/// Renders every finding as a logging command and a summary line.
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
                    l.checked.report.path,
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
}
