//! ## What it does
//! Reports a trigger system variable used in a trigger of a type that does not supply it.
//! Microsoft's "System variables" page lists them per trigger type:
//! - schedule trigger (`ScheduleTrigger`): `@trigger().scheduledTime`, `@trigger().startTime`;
//! - tumbling window trigger (`TumblingWindowTrigger`): `@trigger().outputs.windowStartTime`,
//!   `@trigger().outputs.windowEndTime`, `@trigger().scheduledTime`, `@trigger().startTime`;
//! - storage event trigger (`BlobEventsTrigger`): `@triggerBody().fileName`,
//!   `@triggerBody().folderPath`, `@trigger().startTime`;
//! - custom event trigger (`CustomEventsTrigger`): `@triggerBody().event...`,
//!   `@trigger().startTime`.
//!
//! So the window times belong to tumbling window triggers only, the event body
//! (`triggerBody()`, `trigger().outputs.body`) to event triggers only, and `scheduledTime` to the
//! two time-based triggers. Other trigger types, and other members of `trigger()`, are left
//! alone: only what the page rules out is reported.
//!
//! ## Why is this bad?
//! The value does not exist for that kind of trigger, so the pipeline parameter it fills does not
//! get what was meant: typically a schedule trigger copied from a tumbling window one, or an
//! event trigger's `fileName` used in a schedule trigger. The page does not say whether the
//! trigger run then fails, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-system-variables (sections
//!   "Schedule trigger scope", "Tumbling window trigger scope", "Storage event trigger scope",
//!   "Custom event trigger scope"): the system variables each trigger type supplies.
//!
//! ## Example
//! `trigger/Hourly.json`:
//! ```json
//! {
//!     "name": "Hourly",
//!     "properties": {
//!         "type": "ScheduleTrigger",
//!         "typeProperties": {"recurrence": {"frequency": "Hour", "interval": 1, "startTime": "2024-01-01T00:00:00Z"}},
//!         "pipelines": [{
//!             "pipelineReference": {"referenceName": "Load", "type": "PipelineReference"},
//!             "parameters": {"from": "@trigger().outputs.windowStartTime"}
//!         }]
//!     }
//! }
//! ```
//!
//! Use instead: `trigger/Hourly.json`, with the schedule trigger's own time:
//! ```json
//! {
//!     "name": "Hourly",
//!     "properties": {
//!         "type": "ScheduleTrigger",
//!         "typeProperties": {"recurrence": {"frequency": "Hour", "interval": 1, "startTime": "2024-01-01T00:00:00Z"}},
//!         "pipelines": [{
//!             "pipelineReference": {"referenceName": "Load", "type": "PipelineReference"},
//!             "parameters": {"from": "@trigger().scheduledTime"}
//!         }]
//!     }
//! }
//! ```
//!
//! `pipeline/Load.json` (beside both):
//! ```json
//! {"name": "Load", "properties": {"parameters": {"from": {"type": "String"}}, "activities": []}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{is_call, Cx};
use crate::expr::params::step_name;
use crate::expr::syntax::{Accessor, Expr, Ident};
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0312",
    name: "trigger-value-unavailable",
    severity: Severity::Warning,
    summary: "a trigger system variable used in a trigger type that does not supply it",
    source: "src/rules/trigger_value_unavailable.rs",
};

/// The trigger types whose system variables the page lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Schedule,
    TumblingWindow,
    Event,
}

fn kind<'e>(cx: &Cx<'e>) -> Option<(Kind, &'e str)> {
    if cx.entity.kind != EntityKind::Trigger {
        return None;
    }
    let t = cx.entity.type_name.as_deref()?;
    let k = match t.to_ascii_lowercase().as_str() {
        "scheduletrigger" => Kind::Schedule,
        "tumblingwindowtrigger" => Kind::TumblingWindow,
        "blobeventstrigger" | "customeventstrigger" => Kind::Event,
        _ => return None,
    };
    Some((k, t))
}

fn report(
    cx: &Cx<'_>,
    range: &std::ops::Range<usize>,
    what: &str,
    ty: &str,
    out: &mut Vec<Diagnostic>,
) {
    out.push(Diagnostic::new(
        &RULE,
        cx.range(range),
        format!(
            "`{what}` is not supplied by a {ty} (Data Factory's system variables differ per \
             trigger type); use one this trigger type supplies"
        ),
    ));
}

/// Checks a `triggerBody()` call.
pub(crate) fn check_body(cx: &Cx<'_>, name: &Ident, out: &mut Vec<Diagnostic>) {
    if let Some((k, ty)) = kind(cx) {
        if k != Kind::Event {
            report(cx, &name.range, "triggerBody()", ty, out);
        }
    }
}

/// Checks `trigger().scheduledTime` and `trigger().outputs.<windowStartTime|windowEndTime|body>`.
pub(crate) fn check_access(
    cx: &Cx<'_>,
    target: &Expr,
    path: &[Accessor],
    out: &mut Vec<Diagnostic>,
) {
    if !is_call(target, "trigger") {
        return;
    }
    let Some((k, ty)) = kind(cx) else { return };
    let Some((first, first_range)) = path.first().and_then(step_name) else {
        return;
    };
    if first.eq_ignore_ascii_case("scheduledTime") {
        if k == Kind::Event {
            report(cx, &first_range, "trigger().scheduledTime", ty, out);
        }
        return;
    }
    if !first.eq_ignore_ascii_case("outputs") {
        return;
    }
    let Some((second, range)) = path.get(1).and_then(step_name) else {
        return;
    };
    let window = ["windowStartTime", "windowEndTime"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(second));
    if window && k != Kind::TumblingWindow {
        report(cx, &range, &format!("trigger().outputs.{second}"), ty, out);
    } else if second.eq_ignore_ascii_case("body") && k != Kind::Event {
        report(cx, &range, "trigger().outputs.body", ty, out);
    }
}
