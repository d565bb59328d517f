//! Workspace symbols: every entity and activity of every file, found by a fuzzy query.

use super::cancel::{Cancel, Cancelled};
use super::{Location, SymbolKind};
use crate::Workspace;

/// Most symbols one query returns (an editor shows a short list and the user types on).
pub const MAX_WORKSPACE_SYMBOLS: usize = 512;

/// An entity or activity anywhere in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: SymbolKind,
    /// Its `type`, if any.
    pub detail: Option<String>,
    /// The pipeline an activity belongs to.
    pub container: Option<String>,
    /// Where its name is.
    pub location: Location,
}

/// How well a name matches a lower-case query: 0 exact, 1 prefix, 2 substring, 3 subsequence.
fn rank(name: &str, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let name = name.to_lowercase();
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if name.contains(query) {
        Some(2)
    } else {
        let mut rest = name.chars();
        query.chars().all(|q| rest.any(|c| c == q)).then_some(3)
    }
}

/// Entities and activities of every file whose name holds the query's characters in order
/// (case-insensitive; an empty query matches all), best matches first: exact, prefix,
/// substring, subsequence; then by name and path. At most [`MAX_WORKSPACE_SYMBOLS`]. Polls
/// `cancel` once per file.
pub fn workspace_symbols(
    ws: &Workspace,
    query: &str,
    cancel: &Cancel,
) -> Result<Vec<WorkspaceSymbol>, Cancelled> {
    let query = query.trim().to_lowercase();
    let mut found: Vec<(u8, WorkspaceSymbol)> = Vec::new();
    for id in ws.file_ids() {
        cancel.check()?;
        let Some(path) = ws.path(id) else {
            continue;
        };
        let Some(model) = ws.model(path) else {
            continue;
        };
        let at = |range| Location {
            path: path.to_string(),
            range,
        };
        for e in &model.entities {
            if let Some(r) = rank(&e.name, &query) {
                found.push((
                    r,
                    WorkspaceSymbol {
                        name: e.name.clone(),
                        kind: SymbolKind::Entity(e.kind),
                        detail: e.type_name.clone(),
                        container: None,
                        location: at(e.name_range),
                    },
                ));
            }
            for a in e.activities.iter().filter(|a| !a.name.is_empty()) {
                if let Some(r) = rank(&a.name, &query) {
                    found.push((
                        r,
                        WorkspaceSymbol {
                            name: a.name.clone(),
                            kind: SymbolKind::Activity,
                            detail: a.type_name.clone(),
                            container: Some(e.name.clone()),
                            location: at(a.name_range),
                        },
                    ));
                }
            }
        }
    }
    found.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.location.cmp(&b.location))
    });
    found.truncate(MAX_WORKSPACE_SYMBOLS);
    Ok(found.into_iter().map(|(_, s)| s).collect())
}
