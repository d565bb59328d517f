//! `adf lsp` end to end: a JSON-RPC client of our own speaks to the release binary over stdio
//! (Content-Length framing written here, no shortcut into the server), one scripted exchange per
//! advertised capability, on a scratch copy of examples/ml-retraining.

use adf_e2e::{adf_bin, copy_tree, repo, scratch};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A minimal LSP client over a child's stdio.
struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notes: Vec<Value>,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Self {
        let mut child = Command::new(adf_bin())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn adf lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            rx,
            next_id: 1,
            notes: Vec::new(),
        }
    }

    fn write(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.rx
            .recv_timeout(left)
            .expect("message from the server in time")
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.next(deadline);
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            if msg.get("id").is_some() && msg.get("method").is_some() {
                // A request from the server (none expected): answer it so it does not wait.
                let rid = msg["id"].clone();
                self.write(json!({"jsonrpc": "2.0", "id": rid, "result": null}));
                continue;
            }
            self.notes.push(msg);
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// Waits for a publishDiagnostics of `uri` that satisfies `ok`.
    fn diagnostics(&mut self, uri: &str, ok: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && ok(&m["params"])
        };
        if let Some(i) = self.notes.iter().position(matches) {
            return self.notes.remove(i)["params"].clone();
        }
        loop {
            let msg = self.next(deadline);
            if matches(&msg) {
                return msg["params"].clone();
            }
            self.notes.push(msg);
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The zero-based line and column (UTF-16; the texts here are ASCII) of a byte offset.
fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn td(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

#[test]
fn lsp_over_stdio_serves_every_advertised_capability() {
    let dir = scratch("lsp");
    copy_tree(&repo().join("examples/ml-retraining"), &dir);
    let dir = std::fs::canonicalize(&dir).expect("canonical scratch");
    let mut c = Client::start();

    // initialize: exactly the tested capabilities, nothing more.
    let init = c.result(
        "initialize",
        json!({"processId": null, "capabilities": {},
               "workspaceFolders": [{"uri": uri(&dir), "name": "ml"}]}),
    );
    let mut caps: Vec<&str> = init["capabilities"]
        .as_object()
        .expect("capabilities")
        .keys()
        .map(String::as_str)
        .collect();
    caps.sort_unstable();
    assert_eq!(
        caps,
        vec![
            "completionProvider",
            "definitionProvider",
            "documentSymbolProvider",
            "hoverProvider",
            "referencesProvider",
            "renameProvider",
            "textDocumentSync",
        ]
    );
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    c.notify("initialized", json!({}));

    // didOpen with a broken reference: diagnostics with the document's version.
    let model = dir.join("TrainedModel.json");
    let model_uri = uri(&model);
    let good = std::fs::read_to_string(&model).expect("read");
    let broken = good.replace(
        "\"linkedServiceName\": \"BlobStorage\"",
        "\"linkedServiceName\": \"BlobStorag\"",
    );
    assert_ne!(good, broken);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": model_uri, "languageId": "json", "version": 1, "text": broken}}),
    );
    let d = c.diagnostics(&model_uri, |p| p["version"] == 1);
    let codes: Vec<&str> = d["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|x| x["code"].as_str())
        .collect();
    assert!(codes.contains(&"unresolved-reference"), "{d}");

    // didChange, incremental: type the missing letter; the finding goes away.
    let at = broken.find("BlobStorag\"").expect("name") + "BlobStorag".len();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 2},
               "contentChanges": [{"range": {"start": pos(&broken, at), "end": pos(&broken, at)}, "text": "e"}]}),
    );
    let d = c.diagnostics(&model_uri, |p| p["version"] == 2);
    assert!(
        !d["diagnostics"]
            .to_string()
            .contains("unresolved-reference"),
        "{d}"
    );
    let text = good.clone();

    // definition: from the dataset's linkedServiceName to the linked service's file.
    let on_ref = pos(&text, text.find("\"BlobStorage\"").expect("ref") + 3);
    let def = c.result("textDocument/definition", td(&model_uri, on_ref.clone()));
    let ls_uri = uri(&dir.join("BlobStorage.json"));
    assert_eq!(def[0]["uri"], ls_uri.as_str(), "{def}");
    assert_eq!(def[0]["range"]["start"]["line"], 2, "{def}");

    // hover on the reference: an entity summary.
    let h = c.result("textDocument/hover", td(&model_uri, on_ref.clone()));
    let md = h["contents"]["value"].as_str().expect("markdown");
    assert!(
        md.contains("linked service") && md.contains("AzureStorage"),
        "{h}"
    );

    // references: the declaration and every dataset and activity naming it.
    let mut params = td(&model_uri, on_ref.clone());
    params["context"] = json!({"includeDeclaration": true});
    let refs = c.result("textDocument/references", params);
    let files: Vec<&str> = refs
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|l| l["uri"].as_str())
        .collect();
    assert!(files.contains(&ls_uri.as_str()), "{refs}");
    assert!(files.contains(&model_uri.as_str()), "{refs}");
    assert!(files.len() >= 4, "{refs}");

    // completion of a property name in half-typed text (full-text sync this time).
    let brace = text.find("\"properties\": {").expect("properties") + "\"properties\": {".len();
    let half = format!("{}\n        \"ext{}", &text[..brace], &text[brace..]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 3}, "contentChanges": [{"text": half}]}),
    );
    let cursor = pos(&half, brace + "\n        \"ext".len());
    let items = c.result("textDocument/completion", td(&model_uri, cursor));
    let external = items
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["label"] == "external")
        .unwrap_or_else(|| panic!("no `external` in {items}"));
    assert_eq!(external["insertTextFormat"], 2, "{external}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 4}, "contentChanges": [{"text": text}]}),
    );

    // documentSymbol: the pipeline with its activities nested.
    let pipe_uri = uri(&dir.join("WeeklyRetraining.json"));
    let syms = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": pipe_uri}}),
    );
    assert_eq!(syms[0]["name"], "WeeklyRetraining", "{syms}");
    let children: Vec<&str> = syms[0]["children"]
        .as_array()
        .expect("children")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(children, vec!["RetrainModel", "UpdateScoringModel"]);

    // rename: the linked service's name and every reference, across files.
    let mut params = td(&model_uri, on_ref.clone());
    params["newName"] = json!("TrainingStorage");
    let edit = c.result("textDocument/rename", params);
    let changes = edit["changes"].as_object().expect("changes");
    assert!(
        changes.contains_key(&ls_uri) && changes.contains_key(&model_uri),
        "{edit}"
    );
    assert!(changes
        .values()
        .flat_map(|v| v.as_array().into_iter().flatten())
        .all(|e| e["newText"] == "\"TrainingStorage\""));

    // errors: a position outside the document and a URI that is no file.
    let r = c.request(
        "textDocument/hover",
        td(&model_uri, json!({"line": 9999, "character": 0})),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request(
        "textDocument/definition",
        td("untitled:Untitled-1", json!({"line": 0, "character": 0})),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");

    // didClose: the file returns to its disk text, still served.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": model_uri}}),
    );
    let def = c.result("textDocument/definition", td(&model_uri, on_ref));
    assert_eq!(def[0]["uri"], ls_uri.as_str(), "{def}");

    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
