//! ## What it does
//! Profile `fabric` only (`adf check --profile fabric`, or `profile = "fabric"` in `adf.toml`):
//! reports what Microsoft's migration of Azure Data Factory pipelines to Data Factory in
//! Microsoft Fabric does not move yet, moves only in part, or leaves to be rebuilt by hand. The
//! page's table "What's out of scope" is the source; this rule takes the items it states as
//! coming soon, partially supported or needing manual work, and that a factory's JSON shows:
//! - a storage event trigger (`BlobEventsTrigger`): support is coming;
//! - a tumbling window trigger: interval scheduling is coming, watermark and backfill logic needs
//!   a redesign; a tumbling window trigger's `dependsOn`, and a `ChainingTrigger`: trigger
//!   dependencies and chaining are not supported yet;
//! - global parameters (a factory's `globalParameters`): recreate them as variable libraries;
//! - a mapping data flow run by an `ExecuteDataFlow` activity: support is coming;
//! - a Synapse notebook (`SynapseNotebook`) or Spark job definition (`SparkJob`) activity: partly
//!   supported, redesign as a Fabric notebook or Spark job;
//! - a Web or WebHook activity with its own `authentication` or `headers`: rebuild by hand;
//! - a user-assigned managed identity credential (`ManagedIdentity`): use the workspace identity;
//! - the HubSpot, Google Ads, QuickBooks, Shopify and Xero connectors: not supported today.
//!
//! What the page says cannot move at all is `fabric-not-migrated`.
//!
//! ## Why is this bad?
//! It is not a fault: the factory runs as it is in Data Factory. It tells what a move to Fabric
//! will need: waiting for support that is announced, or some work by hand after the move.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/how-to-upgrade-your-azure-data-factory-pipelines-to-fabric-data-factory
//!   (section "What's out of scope", read 2026-12-06): storage event triggers, tumbling window
//!   triggers, global parameters and mapping data flows are listed as coming soon; chaining and
//!   dependency triggers are not supported yet; Synapse Spark job definitions and notebooks are
//!   partially supported; Web and webhook activities with custom authentication or headers must
//!   be rebuilt manually; user-assigned managed identities are replaced by the workspace identity;
//!   HubSpot, Google Ads, QuickBooks, Shopify and Xero connectors are not supported today. Its
//!   section "Post-migration validation" asks to recreate global parameters as variable libraries.
//!
//! ## Example
//! `trigger/Hourly.json`:
//! ```json
//! {"name": "Hourly", "properties": {"type": "TumblingWindowTrigger", "typeProperties": {
//!     "frequency": "Hour", "interval": 1, "startTime": "2026-01-01T00:00:00Z", "maxConcurrency": 1}}}
//! ```
//!
//! Use instead: a schedule trigger, which the migration moves (disabled, to be switched on in
//! Fabric), where the pipeline does not depend on the window's start and end.
//! `trigger/Hourly.json`:
//! ```json
//! {"name": "Hourly", "properties": {"type": "ScheduleTrigger", "typeProperties": {
//!     "recurrence": {"frequency": "Hour", "interval": 1, "startTime": "2026-01-01T00:00:00Z"}}}}
//! ```

use super::Rule;
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "ADF0402",
    name: "fabric-needs-rework",
    severity: Severity::Info,
    summary: "profile fabric: an item the migration to Fabric Data Factory does not move yet or only in part",
    source: "src/rules/fabric_needs_rework.rs",
};
