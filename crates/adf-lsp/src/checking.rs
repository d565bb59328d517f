//! The checker of edits, off the message loop: one task (so the project has one writer besides
//! the brief edits of the handlers) takes the latest text of an open document, builds its model
//! in a blocking task without any lock ([`adf_core::Project::edit_basis`], the slow part: parsing,
//! the schema walk, expressions, the single-file rules), then commits it under the write lock
//! (the cross-file rules) and publishes. Keystrokes that arrive meanwhile coalesce: the next round
//! takes whatever text is newest. Requests on other files are answered all along; a request on a
//! document whose check is pending waits for it (its positions are the new text's), and one that
//! reaches across files waits for every pending check ([`Scope`]).

use crate::diagnostics::{self, Outgoing};
use crate::server::{read, send, write, Backend, Inflight};
use crate::state::State;
use adf_core::workspace::{BuiltFile, EditBasis};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::{watch, Notify};
use tower_lsp_server::lsp_types::MessageType;
use tower_lsp_server::Client;

/// What a query must see checked before it runs.
pub(crate) enum Scope {
    /// One document: its positions and answer are about that text only.
    Doc(String),
    /// Every open document: the answer holds ranges in other files.
    All,
}

/// The checker's signals.
pub(crate) struct Checks {
    /// Set once the checker task runs.
    started: AtomicBool,
    /// Wakes the checker: there is a text to check.
    wake: Notify,
    /// Counts the checks done; waiting queries look again when it moves.
    landed: watch::Sender<u64>,
    /// Tests hold checks here, to see what the server does meanwhile.
    #[cfg(test)]
    pub(crate) gate: test_gate::Gate,
}

impl Default for Checks {
    fn default() -> Self {
        Self {
            started: AtomicBool::new(false),
            wake: Notify::new(),
            landed: watch::channel(0).0,
            #[cfg(test)]
            gate: test_gate::Gate::default(),
        }
    }
}

/// One document's text to check.
struct Job {
    path: String,
    opening: u64,
    edits: u64,
    version: i32,
    text: String,
    basis: EditBasis,
}

impl Backend {
    /// Has the pending texts checked: starts the checker if it is not running, and wakes it.
    pub(crate) fn check_soon(&self) {
        if !self.checks.started.swap(true, Ordering::AcqRel) {
            tokio::spawn(run(
                self.client.clone(),
                Arc::clone(&self.state),
                Arc::clone(&self.inflight),
                Arc::clone(&self.checks),
            ));
        }
        self.checks.wake.notify_one();
    }

    /// Waits until what a query reads is checked.
    pub(crate) async fn settled(&self, scope: &Scope) {
        let mut landed = self.checks.landed.subscribe();
        loop {
            let waiting = {
                let s = read(&self.state);
                match scope {
                    Scope::Doc(path) => s.docs.get(path).is_some_and(|d| !d.is_current()),
                    Scope::All => s.pending().next().is_some(),
                }
            };
            // The checker never stops while something is pending; if it is gone, the server is.
            if !waiting || landed.changed().await.is_err() {
                return;
            }
        }
    }
}

/// The checker: checks pending texts until none is left, then sleeps until woken.
async fn run(
    client: Client,
    state: Arc<RwLock<State>>,
    inflight: Arc<Inflight>,
    checks: Arc<Checks>,
) {
    loop {
        while let Some(job) = next_job(&state) {
            #[cfg(test)]
            let gate = checks.gate.clone();
            let (path, opening, edits, version) =
                (job.path.clone(), job.opening, job.edits, job.version);
            let built = tokio::task::spawn_blocking(move || {
                #[cfg(test)]
                gate.pass();
                std::panic::catch_unwind(AssertUnwindSafe(|| job.basis.build(job.path, job.text)))
                    .ok()
            })
            .await
            .ok()
            .flatten();
            let failed = built.is_none();
            // The commit re-checks the files that read what changed (many, for an entity
            // everything uses): a blocking task too, so the message loop's threads stay free.
            let (st, inf, p) = (Arc::clone(&state), Arc::clone(&inflight), path.clone());
            let out = tokio::task::spawn_blocking(move || {
                inf.cancel_all();
                let mut s = write(&st);
                std::panic::catch_unwind(AssertUnwindSafe(|| {
                    land(&mut s, &p, opening, edits, version, built)
                }))
                .ok()
                .flatten()
            })
            .await
            .ok()
            .flatten();
            checks.landed.send_modify(|n| *n += 1);
            if failed {
                client
                    .log_message(
                        MessageType::ERROR,
                        format!("adf: checking {path} failed; its findings are not up to date"),
                    )
                    .await;
            }
            if let Some(out) = out {
                send(&client, out).await;
            }
        }
        checks.wake.notified().await;
    }
}

/// The next open document whose latest text is not checked, with a copy of what checking it
/// needs.
fn next_job(state: &RwLock<State>) -> Option<Job> {
    let s = read(state);
    let path = s.pending().min()?.to_string();
    let doc = s.docs.get(&path)?;
    let text = s.editor_text(&path).unwrap_or_default().to_string();
    Some(Job {
        opening: doc.opening,
        edits: doc.edits,
        version: doc.version,
        text,
        basis: s.project.edit_basis(),
        path,
    })
}

/// Puts a check's result in, unless its document was closed meanwhile, and says what to
/// publish. A newer text that arrived meanwhile stays pending (the next round checks it); this
/// one lands all the same, so findings keep pace with a fast typist.
fn land(
    s: &mut State,
    path: &str,
    opening: u64,
    edits: u64,
    version: i32,
    built: Option<BuiltFile>,
) -> Option<Outgoing> {
    let doc = s.docs.get_mut(path).filter(|d| d.opening == opening)?;
    // A later edit than this one may already have been checked only if this one failed.
    if doc.checked_edits >= edits {
        return None;
    }
    doc.checked_edits = edits;
    let built = built?;
    if doc.edits == edits {
        doc.pending = None;
    }
    doc.checked = Some(version);
    let rechecked = s.project.commit(built);
    Some(diagnostics::outgoing(s, &rechecked, Some(path)))
}

#[cfg(test)]
pub(crate) mod test_gate {
    //! A gate tests close to hold checks in their blocking task, and count them there.

    use std::sync::{Arc, Condvar, Mutex};

    /// Open unless a test closes it.
    #[derive(Clone, Default)]
    pub(crate) struct Gate(Arc<(Mutex<(bool, usize)>, Condvar)>);

    impl Gate {
        /// Holds every check until [`Gate::open`].
        pub(crate) fn close(&self) {
            self.0 .0.lock().unwrap_or_else(|e| e.into_inner()).0 = true;
        }

        /// Lets the held checks and later ones pass.
        pub(crate) fn open(&self) {
            self.0 .0.lock().unwrap_or_else(|e| e.into_inner()).0 = false;
            self.0 .1.notify_all();
        }

        /// Waits until `n` checks are held at the gate.
        pub(crate) fn wait_held(&self, n: usize) {
            let (lock, cv) = &*self.0;
            let mut g = lock.lock().unwrap_or_else(|e| e.into_inner());
            while g.1 < n {
                g = cv.wait(g).unwrap_or_else(|e| e.into_inner());
            }
        }

        /// Called by a check: waits while the gate is closed.
        pub(crate) fn pass(&self) {
            let (lock, cv) = &*self.0;
            let mut g = lock.lock().unwrap_or_else(|e| e.into_inner());
            g.1 += 1;
            cv.notify_all();
            while g.0 {
                g = cv.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            g.1 -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::server::{read, write, Backend};
    use tower_lsp_server::lsp_types::*;
    use tower_lsp_server::{LanguageServer, LspService};

    const OTHER: &str = "/f/pipeline/Other.json";
    const EDITED: &str = "/f/pipeline/Edited.json";

    fn pipeline(name: &str) -> String {
        format!(
            r#"{{"name": "{name}", "properties": {{"activities": [{{"name": "W", "type": "Wait", "typeProperties": {{"waitTimeInSeconds": 1}}}}]}}}}"#
        )
    }

    /// Opens the gate however the test ends, so a failed assertion does not leave a check held
    /// (the runtime would wait for it forever).
    struct Reopen(super::test_gate::Gate);

    impl Drop for Reopen {
        fn drop(&mut self) {
            self.0.open();
        }
    }

    fn uri(path: &str) -> Uri {
        format!("file://{path}").parse().expect("uri")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_are_answered_while_an_edit_is_checked() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        {
            let mut s = write(&backend.state);
            s.project.set_file(OTHER, &pipeline("Other"));
            s.indexing = false;
        }
        let gate = backend.checks.gate.clone();
        gate.close();
        let _reopen = Reopen(gate.clone());
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri(EDITED),
                    "json".into(),
                    1,
                    pipeline("Edited"),
                ),
            })
            .await;
        // The edit's check is held in its blocking task: the handler returned without it.
        let held = gate.clone();
        tokio::task::spawn_blocking(move || held.wait_held(1))
            .await
            .expect("gate");

        let other = pipeline("Other");
        let at = other.find("waitTimeInSeconds").expect("property");
        let hover = backend
            .hover(HoverParams {
                text_document_position_params: TextDocumentPositionParams::new(
                    TextDocumentIdentifier::new(uri(OTHER)),
                    Position::new(0, u32::try_from(at).expect("column")),
                ),
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .await;
        assert!(matches!(hover, Ok(Some(_))), "{hover:?}");
        assert!(!read(&backend.state).docs[EDITED].is_current());

        // A request on the edited document waits for its check, then sees its text.
        let symbols = backend.document_symbol(DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri(EDITED)),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        });
        let (symbols, ()) = tokio::join!(symbols, async { gate.open() });
        let Ok(Some(DocumentSymbolResponse::Nested(symbols))) = symbols else {
            panic!("{symbols:?}");
        };
        assert_eq!(symbols[0].name, "Edited");
        assert!(read(&backend.state).docs[EDITED].is_current());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keystrokes_during_a_check_coalesce_into_the_next_one() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        let gate = backend.checks.gate.clone();
        gate.close();
        let _reopen = Reopen(gate.clone());
        let text = pipeline("A");
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(uri(EDITED), "json".into(), 1, text.clone()),
            })
            .await;
        let held = gate.clone();
        tokio::task::spawn_blocking(move || held.wait_held(1))
            .await
            .expect("gate");
        // Three keystrokes while the first check is held: "A" becomes "ABCD".
        let after_a = text.find('A').expect("name") + 1;
        let keys = [(2, "B"), (3, "C"), (4, "D")];
        for (at, (version, key)) in (after_a..).zip(keys) {
            let p = Position::new(0, u32::try_from(at).expect("column"));
            backend
                .did_change(DidChangeTextDocumentParams {
                    text_document: VersionedTextDocumentIdentifier::new(uri(EDITED), version),
                    content_changes: vec![TextDocumentContentChangeEvent {
                        range: Some(Range::new(p, p)),
                        range_length: None,
                        text: key.into(),
                    }],
                })
                .await;
        }
        let mut landed = backend.checks.landed.subscribe();
        let before = *landed.borrow_and_update();
        gate.open();
        let symbols = backend
            .document_symbol(DocumentSymbolParams {
                text_document: TextDocumentIdentifier::new(uri(EDITED)),
                work_done_progress_params: WorkDoneProgressParams::default(),
                partial_result_params: PartialResultParams::default(),
            })
            .await;
        let Ok(Some(DocumentSymbolResponse::Nested(symbols))) = symbols else {
            panic!("{symbols:?}");
        };
        assert_eq!(symbols[0].name, "ABCD");
        // The held check of version 1, then one for the three keystrokes together.
        assert_eq!(*landed.borrow_and_update() - before, 2);
        let s = read(&backend.state);
        assert_eq!(s.docs[EDITED].checked, Some(4));
        assert_eq!(s.project.text(EDITED), Some(pipeline("ABCD").as_str()));
    }
}
