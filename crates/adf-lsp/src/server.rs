//! The server and how its handlers share the state: document changes are applied under the
//! write lock before the handler's first await, so they take effect in arrival order; before
//! taking it they cancel the queries in flight (a query on a stale text is of no use, and the
//! write lock waits for readers). Queries run in blocking tasks under `catch_unwind` on the read
//! lock, so a panic fails that request and never the server; each gets a [`Cancel`] that is set
//! when the client cancels the request (tower-lsp drops the handler's future) or when an edit
//! arrives. Edits are checked off the message loop by the checker (`checking`), and a query
//! first waits for the checks of what it reads. The handlers themselves: `dispatch` (requests
//! and notifications), `sync` (open documents), `indexing` (the workspace folders and watched
//! files), `capabilities`.

use crate::checking::{Checks, Scope};
use crate::diagnostics::Outgoing;
use crate::state::State;
use adf_core::ide::Cancel;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::Client;

/// The server.
pub(crate) struct Backend {
    pub(crate) client: Client,
    pub(crate) state: Arc<RwLock<State>>,
    pub(crate) inflight: Arc<Inflight>,
    /// The checker of edits (`checking.rs`).
    pub(crate) checks: Arc<Checks>,
    next_query: AtomicU64,
}

/// Queries in flight, by a private id: the document a query reads (`None`: it reads across
/// files) and its cancel flag.
#[derive(Default)]
pub(crate) struct Inflight(Mutex<HashMap<u64, (Option<String>, Cancel)>>);

impl Inflight {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, (Option<String>, Cancel)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops every query in flight (the state is about to change).
    pub(crate) fn cancel_all(&self) {
        for (_, c) in self.lock().values() {
            c.cancel();
        }
    }

    /// Stops the queries whose answer a new check of `path` changes: those on that document
    /// and those reading across files. A query on another document runs to its end (the
    /// commit waits for its read lock): it was promised an answer while others are checked.
    pub(crate) fn cancel_reading(&self, path: &str) {
        for (reads, c) in self.lock().values() {
            if reads.as_deref().is_none_or(|p| p == path) {
                c.cancel();
            }
        }
    }
}

/// Sets a query's flag when dropped: a request the client cancelled has its future dropped.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

// A panic while a lock was held cannot leave the workspace half-changed in a way the next
// request would trip on worse than a fresh error, so poisoning is ignored.
pub(crate) fn write(state: &RwLock<State>) -> RwLockWriteGuard<'_, State> {
    state.write().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn read(state: &RwLock<State>) -> RwLockReadGuard<'_, State> {
    state.read().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            state: Arc::new(RwLock::new(State::new())),
            inflight: Arc::default(),
            checks: Arc::default(),
            next_query: AtomicU64::new(0),
        }
    }

    /// Stops every query in flight (the state is about to change).
    pub(crate) fn cancel_queries(&self) {
        self.inflight.cancel_all();
    }

    /// Takes the state for writing, once the queries in flight were told to stop.
    pub(crate) fn edit(&self) -> RwLockWriteGuard<'_, State> {
        self.cancel_queries();
        write(&self.state)
    }

    /// Runs a query in a blocking task, once what it reads (`scope`) is checked; a panic
    /// becomes an internal error, a cancellation a "content modified" error.
    pub(crate) async fn query<T, F>(&self, scope: Scope, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&State, &Cancel) -> Result<T> + Send + 'static,
    {
        self.settled(&scope).await;
        let cancel = Cancel::new();
        let id = self.next_query.fetch_add(1, Ordering::Relaxed);
        let reads = match &scope {
            Scope::Doc(path) => Some(path.clone()),
            Scope::All => None,
        };
        self.inflight.lock().insert(id, (reads, cancel.clone()));
        let _armed = CancelOnDrop(cancel.clone());
        let state = Arc::clone(&self.state);
        let task = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                let guard = read(&state);
                if cancel.is_cancelled() {
                    return Err(Error::content_modified());
                }
                f(&guard, &cancel)
            }))
        });
        let result = task.await;
        self.inflight.lock().remove(&id);
        match result {
            Ok(Ok(result)) => result,
            _ => Err(Error::internal_error()),
        }
    }
}

/// Tells the client what it needs to hear.
pub(crate) async fn send(client: &Client, out: Outgoing) {
    for (uri, diagnostics, version) in out.publish {
        client.publish_diagnostics(uri, diagnostics, version).await;
    }
    if out.refresh {
        // A client that does not answer is no reason to stop.
        let _ = client.workspace_diagnostic_refresh().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::LspService;

    #[tokio::test]
    async fn a_panicking_query_fails_the_request_not_the_server() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        let failed: Result<()> = backend.query(Scope::All, |_, _| panic!("query bug")).await;
        assert_eq!(failed, Err(Error::internal_error()));
        // The state is still usable afterwards.
        let ok = backend.query(Scope::All, |s, _| Ok(s.docs.len())).await;
        assert_eq!(ok, Ok(0));
    }

    #[test]
    fn a_landing_check_stops_only_the_queries_that_read_its_document() {
        let inflight = Inflight::default();
        let (on_a, on_b, across) = (Cancel::new(), Cancel::new(), Cancel::new());
        inflight
            .lock()
            .insert(1, (Some("/f/a.json".into()), on_a.clone()));
        inflight
            .lock()
            .insert(2, (Some("/f/b.json".into()), on_b.clone()));
        inflight.lock().insert(3, (None, across.clone()));
        inflight.cancel_reading("/f/a.json");
        assert!(on_a.is_cancelled() && across.is_cancelled());
        assert!(!on_b.is_cancelled());
    }

    #[tokio::test]
    async fn an_edit_cancels_the_queries_in_flight() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let query = backend.query(Scope::All, move |_, cancel| {
            let _ = started_tx.send(());
            // A long query that polls its flag, as the core's loops over files do.
            for _ in 0..10_000 {
                if cancel.is_cancelled() {
                    return Err(Error::content_modified());
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Ok(())
        });
        let edit = async {
            let _ = tokio::task::spawn_blocking(move || started_rx.recv()).await;
            backend.cancel_queries();
        };
        let (result, ()) = tokio::join!(query, edit);
        assert_eq!(result, Err(Error::content_modified()));
    }
}
