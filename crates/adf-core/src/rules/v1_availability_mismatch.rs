//! ## What it does
//! Reports a v1 activity whose `scheduler` differs from the `availability` of an output
//! dataset (frequency or interval). An activity without `scheduler` takes its outputs'
//! availability and is not reported.
//!
//! ## Why is this bad?
//! v1 produces an output dataset's slices on the dataset's availability, and an activity's
//! optional `scheduler` must have the same cadence; a pipeline that differs does not run as
//! written.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-scheduling-and-execution:
//!   the activity `scheduler` is optional, but when present it must match the cadence of the
//!   output dataset's `availability`.
//!
//! ## Example
//! `Weekly.json`, whose output `Report` is available daily:
//! ```json
//! {"name": "Weekly", "properties": {"activities": [{"name": "Copy", "type": "Copy",
//!   "inputs": [{"name": "Raw"}], "outputs": [{"name": "Report"}],
//!   "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}},
//!   "scheduler": {"frequency": "Week", "interval": 1}}],
//!   "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}
//! ```
//!
//! Use instead: `Weekly.json`:
//! ```json
//! {"name": "Weekly", "properties": {"activities": [{"name": "Copy", "type": "Copy",
//!   "inputs": [{"name": "Raw"}], "outputs": [{"name": "Report"}],
//!   "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}},
//!   "scheduler": {"frequency": "Day", "interval": 1}}],
//!   "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}
//! ```
//!
//! `Report.json` (beside both):
//! ```json
//! {"name": "Report", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "report"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Raw.json` (beside both):
//! ```json
//! {"name": "Raw", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true, "typeProperties": {"folderPath": "raw"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileModel;
use crate::workspace::Ctx;
use adf_catalog::{Dialect, EntityKind};

pub static RULE: Rule = Rule {
    code: "ADF0232",
    name: "v1-availability-mismatch",
    severity: Severity::Error,
    summary: "a v1 activity `scheduler` differs from its output's `availability`",
    source: "src/rules/v1_availability_mismatch.rs",
};

/// Checks the v1 activities of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for e in &model.entities {
        if e.dialect != Dialect::V1 {
            continue;
        }
        for a in &e.activities {
            let Some(s) = &a.scheduler else { continue };
            for o in &a.outputs {
                let found = ctx.lookup(EntityKind::Dataset, &o.name);
                let [ds] = found.as_slice() else { continue };
                if !ds.entity.complete {
                    continue;
                }
                let Some((frequency, interval)) = ds.entity.availability else {
                    continue;
                };
                if !frequency.eq_ignore_ascii_case(&s.frequency) || interval != s.interval {
                    out.push(Diagnostic::new(
                        &RULE,
                        s.range,
                        format!(
                            "activity `{}` is scheduled every {} {} but its output `{}` is available every {} {}; \
                             make the scheduler match the output's availability",
                            a.name, s.interval, s.frequency, o.name, interval, frequency
                        ),
                    ));
                }
            }
        }
    }
}
