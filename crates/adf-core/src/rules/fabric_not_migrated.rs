//! ## What it does
//! Profile `fabric` only (`adf check --profile fabric`, or `profile = "fabric"` in `adf.toml`):
//! reports what Microsoft's migration of Azure Data Factory pipelines to Data Factory in
//! Microsoft Fabric says it cannot move. The page's table "What's out of scope" is the source;
//! this rule takes the items it states as not migrating, not supported, or blocking the
//! migration, and that a factory's JSON shows:
//! - a self-hosted integration runtime (`SelfHosted`): replace it with an on-premises data gateway;
//! - a managed integration runtime in a managed or injected virtual network
//!   (`managedVirtualNetwork`, `customerVirtualNetwork`, `vNetProperties`);
//! - an Azure-SSIS integration runtime (`ssisProperties`);
//! - a change data capture resource;
//! - Azure Data Lake Analytics: its linked service and the `DataLakeAnalyticsU-SQL` activity;
//! - the SAP ECC (`SapEcc`) and SAP BW (`SapBW`) connectors, named by the page as having no
//!   Fabric equivalent;
//! - a custom event trigger (`CustomEventsTrigger`);
//! - a Web or WebHook activity authenticating with a client certificate;
//! - a linked service with parameters (a dynamic, parameterised connection);
//! - a `Custom` activity (Batch and Custom activities lack workspace identity support).
//!
//! What the page says is coming soon or needs changes is `fabric-needs-rework`.
//!
//! ## Why is this bad?
//! It is not a fault in Data Factory: the factory runs as it is. It is a readiness finding for
//! a move to Fabric: the pipelines that use these items need a redesign or another way across,
//! which is worth knowing before the move is planned.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/how-to-upgrade-your-azure-data-factory-pipelines-to-fabric-data-factory
//!   (section "What's out of scope", read 2026-12-06): self-hosted integration runtimes can't be
//!   migrated (use the on-premises data gateway); migrating managed virtual network runtimes is
//!   not supported; SSIS integration runtimes are not supported; change data capture does not
//!   migrate; U-SQL / Azure Data Lake Analytics is not supported in Fabric; SAP ECC and SAP BW
//!   have no equivalent Fabric connectors; custom event triggers can't be migrated;
//!   certificate-based authentication of the Web activity is unsupported; dynamic
//!   (parameterised) linked services are not supported and can't migrate; missing workspace
//!   identity support blocks migration of Batch and Custom activities.
//!
//! ## Example
//! `integrationRuntime/OnPremises.json`:
//! ```json
//! {"name": "OnPremises", "properties": {"type": "SelfHosted", "typeProperties": {}}}
//! ```
//!
//! Use instead: in Fabric, an on-premises data gateway takes the runtime's place; a factory
//! meant to move runs its copies on an Azure integration runtime where the data allows it.
//! `integrationRuntime/OnPremises.json`:
//! ```json
//! {"name": "OnPremises", "properties": {"type": "Managed", "typeProperties": {"computeProperties": {"location": "AutoResolve"}}}}
//! ```

use super::Rule;
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "ADF0401",
    name: "fabric-not-migrated",
    severity: Severity::Warning,
    summary: "profile fabric: an item the migration to Fabric Data Factory cannot move",
    source: "src/rules/fabric_not_migrated.rs",
};
