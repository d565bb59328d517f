//! A minimal LSP client over a child's stdio (Content-Length framing written here), shared by
//! the end-to-end tests and the LSP benchmark: nothing shortcuts into the server.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// How long any single wait may take before a test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A client speaking to `adf lsp`.
pub struct Client {
    /// The server process.
    pub child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub notes: Vec<Value>,
    /// Requests the server sent (method names), answered with `null`.
    pub server_requests: Vec<String>,
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

/// The `file:` URI of an absolute path.
pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The zero-based line and UTF-16 column of a byte offset.
pub fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col: usize = before[start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": col})
}

/// A `TextDocumentPositionParams`.
pub fn td(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

impl Client {
    /// Starts `adf lsp` from this binary.
    pub fn start(bin: &Path) -> Self {
        let mut child = Command::new(bin)
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
            server_requests: Vec::new(),
        }
    }

    fn write(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Writes bytes as they are: for frames a correct client would never send.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.write(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message; requests from the server are answered (`null`) and recorded.
    fn next(&mut self, deadline: Instant) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .expect("message from the server in time");
            if msg.get("id").is_some() && msg.get("method").is_some() {
                let rid = msg["id"].clone();
                self.server_requests
                    .push(msg["method"].as_str().unwrap_or("").to_string());
                self.write(&json!({"jsonrpc": "2.0", "id": rid, "result": null}));
                self.notes.push(msg);
                continue;
            }
            return msg;
        }
    }

    /// Sends a request and returns its id (for a later [`Client::response`]).
    pub fn send(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the response to request `id` (`result` or `error`).
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.next(deadline);
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.notes.push(msg);
        }
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        self.response(id)
    }

    /// Sends a request and returns its result; panics on an error response.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// Waits for a notification that satisfies `ok` (looking at those already received
    /// first) and takes it out of the queue.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notes.iter().position(&ok) {
            return self.notes.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out waiting for {what}");
            let msg = self.next(deadline);
            if ok(&msg) {
                return msg;
            }
            self.notes.push(msg);
        }
    }

    /// Waits for a publishDiagnostics of `uri` that satisfies `ok`; returns its params.
    pub fn diagnostics(&mut self, uri: &str, ok: impl Fn(&Value) -> bool) -> Value {
        self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && ok(&m["params"])
        })["params"]
            .clone()
    }

    /// Waits until the server's indexing progress ends.
    pub fn indexed(&mut self) {
        self.wait_for("the end of indexing", |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        });
    }

    /// `initialize` with these client capabilities and one workspace folder, then
    /// `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let init = self.result(
            "initialize",
            json!({"processId": null, "capabilities": capabilities,
                   "workspaceFolders": [{"uri": uri(root), "name": "factory"}]}),
        );
        self.notify("initialized", json!({}));
        init["capabilities"].clone()
    }

    /// Opens a document with its text.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    /// `shutdown` and `exit`; asserts a clean exit.
    pub fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let status = self.exit_status();
        assert!(status.success(), "{status}");
    }

    /// Waits for the server to end (after `exit` was sent) and returns how it ended.
    pub fn exit_status(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Drains messages already received without waiting.
    pub fn drain(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            self.notes.push(msg);
        }
    }
}
