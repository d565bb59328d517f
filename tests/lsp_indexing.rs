//! `adf lsp` listing the workspace folders, end to end over stdio: the file limit, cancelling
//! the indexing's progress, and the places the walk leaves out (links out of the folder, files
//! that cannot be read), which the editor hears of as `adf check` prints them.

use adf_e2e::lsp_client::{uri, Client};
use adf_e2e::{adf_bin, copy_tree, repo, scratch};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A scratch copy of the v2 fixture factory, by its canonical path (URIs must match).
fn factory(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_tree(&repo().join("tests/fixtures/lsp-v2"), &dir);
    std::fs::canonicalize(&dir).expect("canonical scratch")
}

/// `n` more pipelines in the factory, each a copy of its pipeline under another name.
fn fill(dir: &Path, n: usize) {
    let template = std::fs::read_to_string(dir.join("pipeline/LoadSales.json")).expect("read");
    for i in 0..n {
        let name = format!("Filler{i:04}");
        std::fs::write(
            dir.join(format!("pipeline/{name}.json")),
            template.replace("\"LoadSales\"", &format!("\"{name}\"")),
        )
        .expect("write");
    }
}

/// Starts the server on `root`, with progress shown and these initialization options.
fn start(root: &Path, options: Value) -> Client {
    let mut c = Client::start(&adf_bin());
    c.result(
        "initialize",
        json!({"processId": null,
               "capabilities": {"window": {"workDoneProgress": true},
                                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
               "initializationOptions": options,
               "workspaceFolders": [{"uri": uri(root), "name": "factory"}]}),
    );
    c.notify("initialized", json!({}));
    c
}

/// The `value` of the indexing's progress once it ended.
fn indexed(c: &mut Client) -> Value {
    c.wait_for("the end of indexing", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    })["params"]["value"]
        .clone()
}

/// The messages of a kind (`window/logMessage`, `window/showMessage`) received so far.
fn messages(c: &mut Client, method: &str) -> Vec<(i64, String)> {
    c.drain();
    c.notes
        .iter()
        .filter(|m| m["method"] == method)
        .map(|m| {
            (
                m["params"]["type"].as_i64().unwrap_or(0),
                m["params"]["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// LSP's `MessageType.Warning`.
const WARNING: i64 = 2;

#[test]
fn a_folder_over_the_file_limit_gets_a_warning_and_a_finished_progress() {
    let dir = factory("lsp-limit");
    fill(&dir, 20);
    let mut c = start(&dir, json!({"maxFiles": 10}));
    let end = indexed(&mut c);
    assert!(
        end["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("stopped: more than 10 JSON files")),
        "{end}"
    );
    let shown = messages(&mut c, "window/showMessage");
    assert!(
        shown.iter().any(|(kind, m)| *kind == WARNING
            && m.contains(&format!("{} holds more than 10 JSON files", dir.display()))
            && m.contains("Open the factory's folder instead")),
        "{shown:?}"
    );
    // Nothing of the folder was taken in: no symbol of an unopened file is known.
    let symbols = c.result("workspace/symbol", json!({"query": "Filler"}));
    assert_eq!(symbols, json!([]), "{symbols}");
    c.stop();
}

#[test]
fn cancelling_the_progress_stops_the_indexing() {
    let dir = factory("lsp-cancel");
    let total = 5000;
    fill(&dir, total);
    let mut c = start(&dir, Value::Null);
    let begin = c.wait_for("the start of indexing", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    c.notify(
        "window/workDoneProgress/cancel",
        json!({"token": begin["params"]["token"]}),
    );
    let end = indexed(&mut c);
    let message = end["message"].as_str().unwrap_or_default().to_string();
    assert!(message.starts_with("cancelled"), "{end}");
    // Counted in files read, not time: the indexing stopped short of the factory.
    if let Some(read) = message
        .strip_prefix("cancelled: ")
        .and_then(|m| m.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
    {
        assert!(read < total, "{message}");
    }
    let symbols = c.result("workspace/symbol", json!({"query": "Filler"}));
    assert_eq!(symbols, json!([]), "{symbols}");
    assert_eq!(begin["params"]["value"]["cancellable"], true, "{begin}");
    c.stop();
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_reported_in_the_log() {
    let dir = factory("lsp-link");
    let outside = scratch("lsp-link-outside");
    std::fs::write(outside.join("secret.json"), "{\"password\": \"hunter2\"}").expect("write");
    std::os::unix::fs::symlink(outside.join("secret.json"), dir.join("env.json")).expect("link");
    let mut c = start(&dir, Value::Null);
    indexed(&mut c);
    let logged = messages(&mut c, "window/logMessage");
    let link = format!(
        "{}: symbolic link to a place outside",
        dir.join("env.json").display()
    );
    assert!(
        logged
            .iter()
            .any(|(kind, m)| *kind == WARNING && m.contains(&link)),
        "{logged:?}"
    );
    let shown = messages(&mut c, "window/showMessage");
    assert!(
        shown
            .iter()
            .any(|(kind, m)| *kind == WARNING && m.contains("1 file or folder of the workspace")),
        "{shown:?}"
    );
    assert!(
        logged
            .iter()
            .chain(&shown)
            .all(|(_, m)| !m.contains("hunter2")),
        "never read"
    );
    c.stop();
}

#[test]
fn a_watched_file_that_cannot_be_read_any_more_is_reported() {
    let dir = factory("lsp-unreadable");
    let mut c = start(&dir, Value::Null);
    indexed(&mut c);
    // Tests run as root, where chmod 000 still reads: a folder in the file's place cannot.
    let file = dir.join("dataset/SalesCsv.json");
    std::fs::remove_file(&file).expect("rm");
    std::fs::create_dir(&file).expect("mkdir");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&file), "type": 2}]}),
    );
    let expected = format!("{}: cannot read: a folder now, not a file", file.display());
    let logged = c.wait_for("the unreadable file in the log", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains(&expected))
    });
    assert_eq!(logged["params"]["type"], WARNING, "{logged}");
    // Not checked, as `adf check` would not check it: it is out of the workspace.
    let symbols = c.result("workspace/symbol", json!({"query": "SalesCsv"}));
    assert_eq!(symbols, json!([]), "{symbols}");
    c.stop();
}

#[test]
fn the_profile_initialization_option_adds_the_profile_rules() {
    let dir = scratch("lsp-profile");
    copy_tree(&repo().join("tests/fixtures/fabric-readiness"), &dir);
    let dir = std::fs::canonicalize(&dir).expect("canonical scratch");
    let ir = uri(&dir.join("integrationRuntime/OnPremises.json"));
    let codes = |p: &Value| -> Vec<String> {
        p["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let mut c = start(&dir, json!({"profile": "fabric"}));
    let published = c.diagnostics(&ir, |p| !codes(p).is_empty());
    assert_eq!(codes(&published), ["fabric-not-migrated"]);
    c.stop();
    // Without the option the profile's rules stay off: the file has no finding at all.
    let mut c = start(&dir, Value::Null);
    indexed(&mut c);
    c.drain();
    let pushed: Vec<Vec<String>> = c
        .notes
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == ir.as_str()
        })
        .map(|m| codes(&m["params"]))
        .collect();
    assert!(pushed.iter().all(Vec::is_empty), "{pushed:?}");
    c.stop();
}
