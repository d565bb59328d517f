//! Indexing: the workspace folders read at start (with `$/progress`), the file watchers, files
//! changed outside the editor, and the configuration files (the disk is read through `index`).

use crate::convert::path_of;
use crate::diagnostics::{self, Outgoing};
use crate::index;
use crate::server::{read, send, write, Backend};
use crate::state::State;
use adf_core::config::ConfigFiles;
use adf_core::Project;
use adf_host::fs::DEFAULT_MAX_FILES;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tower_lsp_server::lsp_types::notification::Notification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Bounded, Cancellable, Client, OngoingProgress};

/// The token of the indexing progress.
const INDEXING: &str = "adf/indexing";

/// Files read per step of the indexing (one progress report each).
const CHUNK: usize = 512;

/// The indexing's progress, when the client shows one.
type Progress = OngoingProgress<Bounded, Cancellable>;

/// Ends an indexing that will not finish: no folder is indexed (watched files are not read
/// either), and the workspace stays in its indexing state, where open documents get their
/// single-file findings only: whole-factory findings over part of a factory would be false.
async fn give_up(
    client: &Client,
    state: &RwLock<State>,
    progress: Option<Progress>,
    kind: MessageType,
    why: String,
    end: String,
) {
    write(state).roots.clear();
    client.log_message(kind, &why).await;
    if kind == MessageType::WARNING {
        client.show_message(kind, why).await;
    }
    if let Some(p) = progress {
        p.finish_with_message(end).await;
    }
}

/// Tells the user of the files and folders the indexing left out, as `adf check` does: one
/// log line each, and one message to look there.
async fn report_skipped(client: &Client, skipped: &[(String, String)]) {
    if skipped.is_empty() {
        return;
    }
    let list: Vec<String> = skipped
        .iter()
        .map(|(p, why)| format!("{p}: {why}"))
        .collect();
    client
        .log_message(
            MessageType::WARNING,
            format!("adf: not indexed:\n{}", list.join("\n")),
        )
        .await;
    let n = skipped.len();
    let what = if n == 1 {
        "file or folder"
    } else {
        "files or folders"
    };
    client
        .show_message(
            MessageType::WARNING,
            format!(
                "adf: {n} {what} of the workspace not indexed (links out of the folder, \
                 unreadable or non-UTF-8 files); the output log lists them"
            ),
        )
        .await;
}

impl Backend {
    /// Registers the watchers of factory and configuration files, when the client lets it.
    pub(crate) async fn register_watchers(&self) {
        let caps = read(&self.state).caps;
        if caps.watch {
            let watchers = ["**/*.json", "**/adf.toml"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "adf/watch".to_string(),
                method: notification::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("adf: file watching not registered: {e}"),
                    )
                    .await;
            }
        }
    }

    /// Indexes the workspace folders: lists and reads every factory file, reporting
    /// `$/progress` (cancellable), builds the workspace off the lock, then swaps it in with the
    /// open documents' texts and publishes every finding. A cancelled indexing, or a folder
    /// with more files than the limit, leaves open documents with their single-file findings.
    pub(crate) async fn index(client: Client, state: Arc<RwLock<State>>) {
        let (roots, caps, cancel) = {
            let s = read(&state);
            (s.roots.clone(), s.caps, s.indexing_cancel.clone())
        };
        let max_files = caps.max_files.unwrap_or(DEFAULT_MAX_FILES);
        let progress = if caps.progress {
            let token = NumberOrString::String(INDEXING.to_string());
            let created = client
                .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await;
            match created {
                Ok(()) => Some(
                    client
                        .progress(token, "Indexing ADF factories")
                        .with_percentage(0)
                        .with_cancel_button()
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let (counts, mut counted) = tokio::sync::mpsc::unbounded_channel();
        let lister = {
            let cancel = cancel.clone();
            tokio::task::spawn_blocking(move || {
                let listing = index::list(&roots, max_files, &cancel, &mut |c| {
                    let _ = counts.send(c);
                });
                let stopped = listing.cancelled || listing.too_many.is_some();
                let configs = if stopped {
                    Ok(Vec::new())
                } else {
                    index::configs(listing.files.iter().filter_map(|p| p.to_str()))
                };
                (listing, configs)
            })
        };
        // The sender is dropped when the listing ends, which ends this loop.
        while let Some(c) = counted.recv().await {
            if let Some(p) = &progress {
                p.report_with_message(
                    format!(
                        "listing: {} JSON files among {} entries",
                        c.files, c.entries
                    ),
                    0,
                    None,
                )
                .await;
            }
        }
        let Ok((listing, configs)) = lister.await else {
            return;
        };
        if let Some(folder) = &listing.too_many {
            let folder = folder.to_string_lossy();
            let why = format!(
                "adf: {folder} holds more than {max_files} JSON files: it was not indexed, and \
                 open documents are checked on their own. Open the factory's folder instead \
                 (the one holding pipeline/, dataset/, linkedService/...), or raise the limit \
                 with the initialization option maxFiles."
            );
            let end = format!("stopped: more than {max_files} JSON files in {folder}");
            give_up(&client, &state, progress, MessageType::WARNING, why, end).await;
            return;
        }
        if listing.cancelled {
            let why = "adf: indexing cancelled while listing the workspace folders; open \
                       documents are checked on their own (reopen the folder to index it)"
                .to_string();
            give_up(
                &client,
                &state,
                progress,
                MessageType::INFO,
                why,
                "cancelled".into(),
            )
            .await;
            return;
        }
        let listed = listing.files;
        let total = listed.len();
        // Each file is modelled and its text compressed as it is read (adf_core::Loader), so
        // the factory's texts are never held twice.
        // Excluded files are set aside as they are read: they are not part of the factory.
        // A configuration with a mistake is a finding of its file, published with the rest.
        let mut config_files = ConfigFiles::default();
        for (path, text) in configs.as_deref().unwrap_or_default() {
            config_files.set(path, text);
        }
        let mut loader = Some(Project::loader_with_files(
            caps.check_options(),
            config_files,
        ));
        let mut skipped = listing.skipped;
        let mut done = 0;
        for chunk in listed.chunks(CHUNK) {
            let chunk = chunk.to_vec();
            let Some(mut l) = loader.take() else {
                break;
            };
            let stop = cancel.clone();
            let step = tokio::task::spawn_blocking(move || {
                let mut missed = Vec::new();
                let mut read = 0;
                for p in &chunk {
                    if stop.is_cancelled() {
                        break;
                    }
                    let path = p.to_string_lossy().into_owned();
                    match index::read(p) {
                        Ok(text) => l.add(path, text),
                        Err(why) => missed.push((path, why)),
                    }
                    read += 1;
                }
                (l, missed, read)
            })
            .await;
            let Ok((l, missed, read)) = step else {
                break;
            };
            loader = Some(l);
            skipped.extend(missed);
            done += read;
            if cancel.is_cancelled() {
                let why = format!(
                    "adf: indexing cancelled after {done} of {total} files; open documents \
                     are checked on their own (reopen the folder to index it)"
                );
                let end = format!("cancelled: {done} of {total} files read");
                give_up(&client, &state, progress, MessageType::INFO, why, end).await;
                return;
            }
            if let Some(p) = &progress {
                let pct = u32::try_from(done * 80 / total.max(1)).unwrap_or(80);
                p.report_with_message(format!("{done}/{total} files read"), pct, None)
                    .await;
            }
        }
        if let Some(p) = &progress {
            p.report_with_message(format!("checking {total} files"), 80, Some(false))
                .await;
        }
        let built = match loader {
            Some(l) => tokio::task::spawn_blocking(move || l.finish()).await.ok(),
            None => None,
        };
        let Some(mut project) = built else {
            client
                .show_message(MessageType::ERROR, "adf: indexing the workspace failed")
                .await;
            return;
        };
        if let Err(e) = &configs {
            client.show_message(MessageType::ERROR, e).await;
        }
        report_skipped(&client, &skipped).await;
        let out = {
            let mut s = write(&state);
            // What the editor holds wins over the disk.
            for path in s.docs.keys() {
                if let Some(text) = s.project.text(path) {
                    if index::is_config(path) {
                        project.set_config(path, text);
                    } else {
                        project.set_file(path, text);
                    }
                }
            }
            s.project = project;
            s.indexing = false;
            let paths = s.paths();
            diagnostics::outgoing(&mut s, &paths, None)
        };
        // A pulling client pulled single-file findings meanwhile; it must pull again.
        let out = Outgoing {
            refresh: out.refresh || caps.pull,
            ..out
        };
        if let Some(p) = progress {
            p.finish_with_message(format!("{total} files")).await;
        }
        send(&client, out).await;
    }

    /// The client cancelled a progress; only the indexing's can be.
    pub(crate) async fn progress_cancelled(&self, params: WorkDoneProgressCancelParams) {
        if params.token == NumberOrString::String(INDEXING.to_string()) {
            read(&self.state).indexing_cancel.cancel();
        }
    }

    /// Files changed outside the editor: read again, or removed.
    pub(crate) async fn watched_files_changed(&self, params: DidChangeWatchedFilesParams) {
        let roots = read(&self.state).roots.clone();
        let mut configs_changed = false;
        let mut changed: Vec<(String, Option<String>)> = Vec::new();
        let mut unreadable: Vec<(String, String)> = Vec::new();
        for event in params.changes {
            let Ok(path) = path_of(&event.uri) else {
                continue;
            };
            if index::is_config(&path) {
                configs_changed = true;
                continue;
            }
            if !index::is_indexed(&roots, &path) {
                continue;
            }
            // A file that cannot be read any more is not checked, as `adf check` would not
            // check it: it leaves the workspace like a deleted one, and the log says why.
            let text = if event.typ == FileChangeType::DELETED {
                None
            } else {
                match index::read(Path::new(&path)) {
                    Ok(text) => Some(text),
                    Err(_) if index::is_gone(Path::new(&path)) => None,
                    Err(why) => {
                        unreadable.push((path.clone(), why));
                        None
                    }
                }
            };
            changed.push((path, text));
        }
        if !changed.is_empty() {
            let out = {
                let mut s = self.edit();
                // The editor's text of an open document wins over the disk.
                unreadable.retain(|(path, _)| !s.docs.contains_key(path));
                let mut rechecked: Vec<String> = Vec::new();
                for (path, text) in changed {
                    if s.docs.contains_key(&path) {
                        continue;
                    }
                    let again = match &text {
                        Some(t) => s.project.set_file(&path, t),
                        None => {
                            let mut r = s.project.remove_file(&path);
                            r.push(path.clone());
                            r
                        }
                    };
                    for p in again {
                        if !rechecked.contains(&p) {
                            rechecked.push(p);
                        }
                    }
                }
                let mut out = diagnostics::outgoing(&mut s, &rechecked, None);
                out.refresh = out.refresh || (s.caps.pull && !rechecked.is_empty());
                out
            };
            if !unreadable.is_empty() {
                let list: Vec<String> = unreadable
                    .iter()
                    .map(|(p, why)| format!("{p}: {why}"))
                    .collect();
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("adf: changed on disk, not checked:\n{}", list.join("\n")),
                    )
                    .await;
            }
            send(&self.client, out).await;
        }
        if configs_changed {
            self.reload_configs().await;
        }
    }

    /// Reloads the configuration files of the workspace and re-reports every file.
    pub(crate) async fn reload_configs(&self) {
        let paths = read(&self.state).paths();
        let configs =
            tokio::task::spawn_blocking(move || index::configs(paths.iter().map(String::as_str)))
                .await;
        let mut configs = match configs {
            Ok(Ok(c)) => c,
            // A file that cannot be read at all; a mistake in one is a finding of it instead.
            Ok(Err(e)) => {
                self.client.show_message(MessageType::ERROR, e).await;
                return;
            }
            Err(_) => return,
        };
        let out = {
            let mut s = self.edit();
            // The editor's text of an open configuration wins over the disk.
            for (path, text) in &mut configs {
                if s.docs.contains_key(path.as_str()) {
                    if let Some(open) = s.project.text(path) {
                        *text = open.to_string();
                    }
                }
            }
            // Excludes, joined folders and severities can change anywhere.
            let paths = s.project.set_config_files(configs);
            let mut out = diagnostics::outgoing(&mut s, &paths, None);
            out.refresh = s.caps.pull;
            out
        };
        send(&self.client, out).await;
    }
}
