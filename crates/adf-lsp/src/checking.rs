//! The checker of edits, off the message loop: one thread (so the project has one writer besides
//! the brief edits of the handlers) takes the latest text of an open document, builds its model
//! without any lock ([`adf_core::Project::edit_basis`], the slow part: parsing,
//! the schema walk, expressions, the single-file rules), then commits it under the write lock
//! (the cross-file rules) and publishes. Keystrokes that arrive meanwhile coalesce: the next round
//! takes whatever text is newest. Requests on other files are answered all along; a request on a
//! document whose check is pending waits for it (its positions are the new text's), and one that
//! reaches across files waits for every pending check ([`Scope`]).

use crate::diagnostics::{self, Outgoing};
use crate::server::{read, send, write, Backend, Inflight};
use crate::state::{Revert, State};
use adf_core::workspace::{BuiltFile, EditBasis};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock, Weak};
use tokio::sync::watch;
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
    /// Set once the checker thread runs.
    started: AtomicBool,
    /// Wakes the checker: there is a text to check (or the server is gone).
    wake: Arc<Wake>,
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
            wake: Arc::default(),
            landed: watch::channel(0).0,
            #[cfg(test)]
            gate: test_gate::Gate::default(),
        }
    }
}

impl Drop for Checks {
    fn drop(&mut self) {
        // The server is gone: its checker thread ends.
        self.wake.signal(Signal::Closed);
    }
}

/// What the checker thread is told.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Signal {
    Idle,
    Check,
    Closed,
}

/// The checker thread's doorbell: a flag and a condition variable (the thread is no task of
/// the runtime, so a tokio `Notify` cannot wake it).
struct Wake {
    signal: Mutex<Signal>,
    rung: Condvar,
}

impl Default for Wake {
    fn default() -> Self {
        Self {
            signal: Mutex::new(Signal::Idle),
            rung: Condvar::new(),
        }
    }
}

impl Wake {
    fn signal(&self, to: Signal) {
        let mut s = self.signal.lock().unwrap_or_else(|e| e.into_inner());
        if *s != Signal::Closed {
            *s = to;
        }
        self.rung.notify_one();
    }

    /// Waits for the next ring; false once the server is gone.
    fn wait(&self) -> bool {
        let mut s = self.signal.lock().unwrap_or_else(|e| e.into_inner());
        while *s == Signal::Idle {
            s = self.rung.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        if *s == Signal::Closed {
            return false;
        }
        *s = Signal::Idle;
        true
    }
}

/// One document's text to check.
struct Job {
    path: String,
    kind: JobKind,
    basis: EditBasis,
}

/// What a job checks.
enum JobKind {
    /// The editor's latest text of an open document.
    Edit {
        opening: u64,
        edits: u64,
        version: i32,
        text: String,
    },
    /// The disk's text of a closed document (read by the checker thread), or its removal.
    Revert(Revert),
}

/// What a job's build made: a built file, or nothing to build (a closed file that
/// leaves the project), or a failure (`None` from the task).
enum Built {
    File(Box<BuiltFile>),
    Gone,
}

impl Backend {
    /// Has the pending texts checked: starts the checker if it is not running, and wakes it.
    pub(crate) fn check_soon(&self) {
        if !self.checks.started.swap(true, Ordering::AcqRel) {
            let checker = Checker {
                client: self.client.clone(),
                state: Arc::downgrade(&self.state),
                inflight: Arc::downgrade(&self.inflight),
                checks: Arc::downgrade(&self.checks),
                runtime: tokio::runtime::Handle::current(),
            };
            let wake = Arc::clone(&self.checks.wake);
            let spawned = std::thread::Builder::new()
                .name("adf-lsp-checker".into())
                .spawn(move || checker.run(&wake));
            if spawned.is_err() {
                // No thread: nothing would ever be checked, and queries would wait for it.
                self.checks.started.store(false, Ordering::Release);
                eprintln!("adf lsp: cannot start the checker thread");
                return;
            }
        }
        self.checks.wake.signal(Signal::Check);
    }

    /// Waits until what a query reads is checked.
    pub(crate) async fn settled(&self, scope: &Scope) {
        let mut landed = self.checks.landed.subscribe();
        loop {
            let waiting = {
                let s = read(&self.state);
                match scope {
                    Scope::Doc(path) => s.is_pending(path),
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

/// The checker, on a thread of its own: a keystroke's handler wakes it directly, and it
/// builds, commits and publishes without handing the work to another thread (each hand-off is
/// a thread to wake on the way from a keystroke to its findings). It holds the server's parts
/// weakly, and ends with the server.
struct Checker {
    client: Client,
    state: Weak<RwLock<State>>,
    inflight: Weak<Inflight>,
    checks: Weak<Checks>,
    runtime: tokio::runtime::Handle,
}

impl Checker {
    /// Checks pending texts until none is left, then sleeps until woken.
    fn run(self, wake: &Wake) {
        while wake.wait() {
            while self.check_one() {}
        }
    }

    /// Checks the next pending text; false when there is none (or the server is gone).
    fn check_one(&self) -> bool {
        let (Some(state), Some(inflight), Some(checks)) = (
            self.state.upgrade(),
            self.inflight.upgrade(),
            self.checks.upgrade(),
        ) else {
            return false;
        };
        let Some(Job { path, kind, basis }) = next_job(&state) else {
            return false;
        };
        #[cfg(test)]
        checks.gate.pass();
        let key = kind.clone_key();
        // The build takes no lock (the slow part); the commit re-checks, under the write lock,
        // the files that read what changed.
        let built = std::panic::catch_unwind(AssertUnwindSafe(|| match kind {
            JobKind::Edit { text, .. } => Built::File(Box::new(basis.build(path.clone(), text))),
            JobKind::Revert(r) if r.from_disk => {
                match adf_host::files::load(&adf_host::fs::RealFs, Path::new(&path)) {
                    Ok(text) => Built::File(Box::new(basis.build(path.clone(), text))),
                    Err(_) => Built::Gone,
                }
            }
            JobKind::Revert(_) => Built::Gone,
        }))
        .ok();
        let failed = built.is_none();
        inflight.cancel_reading(&path);
        let out = {
            let mut s = write(&state);
            std::panic::catch_unwind(AssertUnwindSafe(|| land(&mut s, &path, key, built)))
                .ok()
                .flatten()
        };
        checks.landed.send_modify(|n| *n += 1);
        // Sending waits only for room in the client's queue, which the message loop drains;
        // a panic there loses these findings, not the checker.
        let told = std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.runtime
                .block_on(tell(&self.client, &path, failed, out))
        }));
        if told.is_err() {
            eprintln!("adf lsp: the findings of {path} could not be sent");
        }
        true
    }
}

/// Says what a check found, and that it failed when it did.
async fn tell(client: &Client, path: &str, failed: bool, out: Option<Outgoing>) {
    if failed {
        client
            .log_message(
                MessageType::ERROR,
                format!("adf: checking {path} failed; its findings are not up to date"),
            )
            .await;
    }
    if let Some(out) = out {
        send(client, out).await;
    }
}

/// What identifies a job when it lands (its text has gone to the build).
#[derive(Clone, Copy)]
enum Key {
    Edit {
        opening: u64,
        edits: u64,
        version: i32,
    },
    Revert(Revert),
}

impl JobKind {
    fn clone_key(&self) -> Key {
        match self {
            JobKind::Edit {
                opening,
                edits,
                version,
                ..
            } => Key::Edit {
                opening: *opening,
                edits: *edits,
                version: *version,
            },
            JobKind::Revert(r) => Key::Revert(*r),
        }
    }
}

/// The next open document whose latest text is not checked, else the next closed one whose
/// disk text is not back, with a copy of what checking it needs.
fn next_job(state: &RwLock<State>) -> Option<Job> {
    let s = read(state);
    let basis = s.project.edit_basis();
    let edited = s
        .docs
        .iter()
        .filter(|(_, d)| !d.is_current())
        .map(|(p, _)| p.as_str())
        .min();
    if let Some(path) = edited {
        let doc = s.docs.get(path)?;
        let text = s.editor_text(path).unwrap_or_default().to_string();
        return Some(Job {
            kind: JobKind::Edit {
                opening: doc.opening,
                edits: doc.edits,
                version: doc.version,
                text,
            },
            basis,
            path: path.to_string(),
        });
    }
    let (path, revert) = s.reverting.iter().min_by(|a, b| a.0.cmp(b.0))?;
    Some(Job {
        path: path.clone(),
        kind: JobKind::Revert(*revert),
        basis,
    })
}

/// Puts a check's result in, unless its document was closed (or reopened) meanwhile, and says
/// what to publish. A newer text that arrived meanwhile stays pending (the next round checks
/// it); this one lands all the same, so findings keep pace with a fast typist.
fn land(s: &mut State, path: &str, key: Key, built: Option<Built>) -> Option<Outgoing> {
    let (opening, edits, version) = match key {
        Key::Edit {
            opening,
            edits,
            version,
        } => (opening, edits, version),
        Key::Revert(revert) => return land_revert(s, path, revert, built),
    };
    let doc = s.docs.get_mut(path).filter(|d| d.opening == opening)?;
    // A later edit than this one may already have been checked only if this one failed.
    if doc.checked_edits >= edits {
        return None;
    }
    doc.checked_edits = edits;
    let Some(Built::File(built)) = built else {
        return None;
    };
    if doc.edits == edits {
        doc.pending = None;
    }
    doc.checked = Some(version);
    let rechecked = s.project.commit(*built);
    Some(diagnostics::outgoing(s, &rechecked, Some(path)))
}

/// Puts a closed document's disk text back (or takes the file out), unless it was reopened or
/// closed again meanwhile.
fn land_revert(
    s: &mut State,
    path: &str,
    revert: Revert,
    built: Option<Built>,
) -> Option<Outgoing> {
    if s.reverting.get(path) != Some(&revert) {
        return None;
    }
    s.reverting.remove(path);
    let mut rechecked = match built? {
        Built::File(built) => s.project.commit(*built),
        Built::Gone => s.project.remove_file(path),
    };
    if !rechecked.iter().any(|p| p == path) {
        rechecked.push(path.to_string());
    }
    Some(diagnostics::outgoing(s, &rechecked, None))
}

#[cfg(test)]
pub(crate) mod test_gate {
    //! A gate tests close to hold checks on the checker thread, and count them there.

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

    fn symbols_of(path: &str) -> DocumentSymbolParams {
        DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri(path)),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn closing_a_document_puts_the_disk_text_back_off_the_message_loop() {
        let root = std::env::temp_dir().join(format!("adf-lsp-close-{}", std::process::id()));
        let folder = root.join("pipeline");
        std::fs::create_dir_all(&folder).expect("folder");
        let closed = folder.join("Closed.json").to_string_lossy().to_string();
        std::fs::write(&closed, pipeline("OnDisk")).expect("write");
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        {
            let mut s = write(&backend.state);
            s.roots = vec![root.clone()];
            s.project.set_file(OTHER, &pipeline("Other"));
            s.indexing = false;
        }
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri(&closed),
                    "json".into(),
                    1,
                    pipeline("InEditor"),
                ),
            })
            .await;
        let symbols = backend.document_symbol(symbols_of(&closed)).await;
        let Ok(Some(DocumentSymbolResponse::Nested(symbols))) = symbols else {
            panic!("{symbols:?}");
        };
        assert_eq!(symbols[0].name, "InEditor");

        let gate = backend.checks.gate.clone();
        gate.close();
        let _reopen = Reopen(gate.clone());
        backend
            .did_close(DidCloseTextDocumentParams {
                text_document: TextDocumentIdentifier::new(uri(&closed)),
            })
            .await;
        // The close's check is held in its blocking task: the handler returned without it, and
        // a request on another file is answered meanwhile.
        let held = gate.clone();
        tokio::task::spawn_blocking(move || held.wait_held(1))
            .await
            .expect("gate");
        let other = backend.document_symbol(symbols_of(OTHER)).await;
        assert!(matches!(other, Ok(Some(_))), "{other:?}");
        assert!(read(&backend.state).reverting.contains_key(&closed));

        // A request on the closed file waits, then sees the disk's text.
        let (symbols, ()) = tokio::join!(backend.document_symbol(symbols_of(&closed)), async {
            gate.open()
        });
        let Ok(Some(DocumentSymbolResponse::Nested(symbols))) = symbols else {
            panic!("{symbols:?}");
        };
        assert_eq!(symbols[0].name, "OnDisk");
        assert!(read(&backend.state).reverting.is_empty());

        // Closed and reopened before the disk's text is back: the editor's text stays.
        gate.close();
        backend
            .did_close(DidCloseTextDocumentParams {
                text_document: TextDocumentIdentifier::new(uri(&closed)),
            })
            .await;
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri(&closed),
                    "json".into(),
                    2,
                    pipeline("Reopened"),
                ),
            })
            .await;
        gate.open();
        let symbols = backend.document_symbol(symbols_of(&closed)).await;
        let Ok(Some(DocumentSymbolResponse::Nested(symbols))) = symbols else {
            panic!("{symbols:?}");
        };
        assert_eq!(symbols[0].name, "Reopened");
        let _ = std::fs::remove_dir_all(root);
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
