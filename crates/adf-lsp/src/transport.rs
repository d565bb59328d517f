//! The byte stream between the client and tower-lsp's service.
//!
//! tower-lsp's own server loop ends the session at the first frame it cannot decode (invalid
//! JSON, a batch, a `jsonrpc` other than "2.0", a lowercase `content-length`), and the process
//! then exits with status 0 as if the client had asked. This loop reads the frames itself and
//! hands each decoded message straight to the service (no second parse, no pipe between two
//! loops: both cost every keystroke); it answers a rejected request that carries an id with a
//! JSON-RPC error, logs every skipped frame to stderr and keeps serving. It also remembers
//! whether `shutdown` came before `exit`, which decides the exit status (LSP: 0 after
//! `shutdown`, 1 otherwise).

use futures::{FutureExt, SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ClientSocket;
use tower_service::Service;

/// How many requests are handled at once (tower-lsp's own default): a slow query does not hold
/// up the next message, and handlers still start in the order their messages arrived.
const CONCURRENT: usize = 4;

/// The largest body accepted. Larger declared lengths are treated as a corrupt header: waiting
/// for that many bytes would stall the session on one typo.
const MAX_BODY: usize = 256 * 1024 * 1024;
/// The longest header block; past it, the bytes are not a header.
const MAX_HEADER: usize = 8 * 1024;
const HEADER_END: &[u8] = b"\r\n\r\n";
const LENGTH: &[u8] = b"content-length";

/// What the session saw that decides how the process ends.
#[derive(Debug, Default)]
pub(crate) struct Session {
    shutdown: AtomicBool,
}

impl Session {
    /// Whether the client asked for `shutdown` (so `exit` is orderly).
    pub(crate) fn shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// One frame read from the client.
#[derive(Debug, PartialEq)]
pub(crate) enum Frame {
    /// A body to check.
    Body(Vec<u8>),
    /// Bytes that were not a frame, and why.
    Garbage(String),
}

/// Splits a byte stream into frames; on a bad header it skips to the next `Content-Length`.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    buf: Vec<u8>,
    /// The body length of the header already consumed.
    pending: Option<usize>,
}

impl Decoder {
    /// Appends bytes read from the stream.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, if the buffer holds one.
    pub(crate) fn next_frame(&mut self) -> Option<Frame> {
        if let Some(len) = self.pending {
            if self.buf.len() < len {
                return None;
            }
            self.pending = None;
            let body: Vec<u8> = self.buf.drain(..len).collect();
            return Some(Frame::Body(body));
        }
        let Some(end) = find(&self.buf, HEADER_END) else {
            if self.buf.len() > MAX_HEADER {
                return Some(self.resync("a header longer than 8 KiB".into()));
            }
            return None;
        };
        match content_length(&self.buf[..end]) {
            Ok(len) => {
                self.buf.drain(..end + HEADER_END.len());
                self.pending = Some(len);
                self.next_frame()
            }
            Err(why) => Some(self.resync(why)),
        }
    }

    /// Drops the bad header's first byte and everything up to the next `Content-Length`, keeping
    /// a tail that may be the start of one. Searching from the next byte (not past the header)
    /// also recovers a header that follows stray bytes on its first line.
    fn resync(&mut self, why: String) -> Frame {
        let from = 1.min(self.buf.len());
        let lower: Vec<u8> = self.buf[from..].to_ascii_lowercase();
        let cut = match find(&lower, LENGTH) {
            Some(i) => from + i,
            // Keep only a tail that may grow into `Content-Length`.
            None => {
                let keep = (1..LENGTH.len())
                    .rev()
                    .find(|&k| lower.len() >= k && lower[lower.len() - k..] == LENGTH[..k])
                    .unwrap_or(0);
                self.buf.len() - keep
            }
        };
        self.buf.drain(..cut);
        Frame::Garbage(why)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The body length a header block declares (header names are case-insensitive).
fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(header).map_err(|_| "a header that is not UTF-8".to_string())?;
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a header line without a colon: {}", clip(line)));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n: usize = value
                .trim()
                .parse()
                .map_err(|_| format!("a Content-Length that is not a number: {}", clip(value)))?;
            if n > MAX_BODY {
                return Err(format!(
                    "a Content-Length of {n} bytes (at most {MAX_BODY})"
                ));
            }
            length = Some(n);
        }
    }
    length.ok_or_else(|| "a header without Content-Length".to_string())
}

fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Why a body is not forwarded, and the error to answer with when the sender waits for one.
#[derive(Debug, PartialEq)]
pub(crate) struct Rejected {
    /// For the log.
    pub(crate) why: String,
    /// The JSON-RPC error response, when one is owed (a request, or an unreadable message).
    pub(crate) reply: Option<Value>,
}

/// A message the service understands.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A request or a notification from the client.
    Request(Request),
    /// The client's answer to a request of the server.
    Response(Response),
}

/// Decodes one body, or says why it is rejected.
pub(crate) fn decode(body: &[u8], session: &Session) -> Result<Incoming, Rejected> {
    // The common case costs one parse; only a body that is not a message is parsed again, to
    // say what is wrong with it.
    let Ok(request) = serde_json::from_slice::<Request>(body) else {
        return Err(rejection(body));
    };
    // A request's `method` defaults to "" when absent, so a response also reads as one; the
    // few bodies without a method (answers to the server's own requests) are read again.
    if request.method().is_empty() {
        if let Ok(response) = serde_json::from_slice::<Response>(body) {
            return Ok(Incoming::Response(response));
        }
    }
    if request.method() == "shutdown" {
        session.shutdown.store(true, Ordering::SeqCst);
    }
    Ok(Incoming::Request(request))
}

/// Why a body that is neither a request nor a response is rejected, and the reply owed.
fn rejection(body: &[u8]) -> Rejected {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Rejected {
                why: format!("a body that is not JSON ({e})"),
                reply: Some(error(Value::Null, -32700, "Parse error")),
            }
        }
    };
    let why = match &value {
        Value::Array(_) => "a batch (LSP has no batches)".to_string(),
        Value::Object(o) => match o.get("jsonrpc") {
            Some(Value::String(v)) if v == "2.0" => "a message of no JSON-RPC shape".into(),
            Some(v) => format!("\"jsonrpc\": {} (must be \"2.0\")", clip(&v.to_string())),
            None => "a message without \"jsonrpc\": \"2.0\"".to_string(),
        },
        _ => "a body that is not a JSON object".to_string(),
    };
    let id = value
        .get("method")
        .and(value.get("id"))
        .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
        .cloned();
    let reply = match (&value, id) {
        (Value::Object(o), Some(id)) if o.contains_key("method") => {
            Some(error(id, -32600, "Invalid Request"))
        }
        (Value::Object(o), None) if o.contains_key("method") => None,
        (Value::Object(o), None) if o.contains_key("result") || o.contains_key("error") => None,
        _ => Some(error(Value::Null, -32600, "Invalid Request")),
    };
    Rejected { why, reply }
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// A message as a frame on the wire.
fn framed(message: &impl serde::Serialize) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap_or_else(|e| {
        // Serializing lsp-types values does not fail; were it to, the client still gets a frame.
        eprintln!("adf lsp: a message could not be written: {e}");
        b"{}".to_vec()
    });
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Serves one session: reads the client's frames, runs the service's handlers (at most
/// [`CONCURRENT`] at once) and writes their answers, the server's own requests and
/// notifications, and the replies to rejected frames, each whole, in one stream.
pub(crate) async fn serve<S>(
    input: Input,
    output: Output,
    mut service: S,
    socket: ClientSocket,
    session: Arc<Session>,
) where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    let (mut to_client, mut from_client) = socket.split();
    let (frames, frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let writer = output.start(frames_rx);
    let (mut handlers, handlers_rx) = futures::channel::mpsc::channel::<S::Future>(100);
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();

    let answer = {
        let frames = frames.clone();
        handlers_rx
            .buffer_unordered(CONCURRENT)
            .for_each(move |done| {
                // Err: the service has exited; there is no one left to answer for.
                if let Ok(Some(response)) = done {
                    let _ = frames.send(framed(&response));
                }
                futures::future::ready(())
            })
    };
    let tell = {
        let frames = frames.clone();
        async move {
            loop {
                tokio::select! {
                    biased;
                    next = to_client.next() => match next {
                        Some(request) => { let _ = frames.send(framed(&request)); }
                        None => return,
                    },
                    _ = &mut stopped => break,
                }
            }
            // The session is over: what the handlers queued before it ended still goes out.
            while let Some(Some(request)) = to_client.next().now_or_never() {
                let _ = frames.send(framed(&request));
            }
        }
    };
    let read = async {
        let mut decoder = Decoder::default();
        let mut input = input.start();
        'session: loop {
            let Some(chunk) = input.next().await else {
                break;
            };
            decoder.push(&chunk);
            while let Some(frame) = decoder.next_frame() {
                let body = match frame {
                    Frame::Body(body) => body,
                    Frame::Garbage(why) => {
                        eprintln!("adf lsp: skipped bytes that are not a frame: {why}");
                        continue;
                    }
                };
                match decode(&body, &session) {
                    Ok(Incoming::Request(request)) => {
                        // Pending while `initialize` is answered: the service takes nothing
                        // else meanwhile, and registers no waker. `answer` runs in the same
                        // task and is polled just before this, so the poll that finishes
                        // `initialize` also finds the service ready.
                        if futures::future::poll_fn(|cx| service.poll_ready(cx))
                            .await
                            .is_err()
                        {
                            break 'session;
                        }
                        // LSP: the server exits at `exit`, whether or not the client closes
                        // its end of the stream.
                        let exit = request.method() == "exit";
                        if handlers.send(service.call(request)).await.is_err() || exit {
                            break 'session;
                        }
                    }
                    Ok(Incoming::Response(response)) => {
                        if from_client.send(response).await.is_err() {
                            break 'session;
                        }
                    }
                    Err(rejected) => {
                        eprintln!("adf lsp: skipped a frame: {}", rejected.why);
                        if let Some(reply) = rejected.reply {
                            let _ = frames.send(framed(&reply));
                        }
                    }
                }
            }
        }
        handlers.close_channel();
    };
    let read_then_answer = async {
        // `join!` polls in this order: the handlers first, then the reader (see above).
        futures::join!(answer, read);
        let _ = stop.send(());
    };
    futures::join!(read_then_answer, tell);
    drop(frames);
    let _ = writer.await;
}

/// Where a session's bytes come from.
pub(crate) enum Input {
    /// A stream the runtime reads (tests and fuzzing use in-memory pipes).
    Stream(Box<dyn AsyncRead + Unpin + Send>),
    /// A blocking reader, the process's standard input, read by a thread of its own: the
    /// runtime's stdin hands every read to its blocking pool anew, one more thread to wake on
    /// the way of every message.
    Blocking(Box<dyn std::io::Read + Send>),
}

/// Size of one read.
const CHUNK: usize = 64 * 1024;

/// An [`Input`] being read.
enum Reading {
    Stream(Box<dyn AsyncRead + Unpin + Send>, Vec<u8>),
    Thread(mpsc::Receiver<Vec<u8>>),
}

impl Input {
    fn start(self) -> Reading {
        match self {
            Input::Stream(input) => Reading::Stream(input, vec![0; CHUNK]),
            Input::Blocking(mut input) => {
                // A few chunks ahead at most: a client that floods the server waits for it.
                let (chunks, rx) = mpsc::channel(4);
                // Not a task of the runtime: it may sit in a read after the session ended, and
                // the process ends without waiting for it.
                let spawned = std::thread::Builder::new()
                    .name("adf-lsp-stdin".into())
                    .spawn(move || {
                        let mut buf = vec![0; CHUNK];
                        loop {
                            let n = match input.read(&mut buf) {
                                Ok(0) => return,
                                Ok(n) => n,
                                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                                Err(_) => return,
                            };
                            if chunks.blocking_send(buf[..n].to_vec()).is_err() {
                                return;
                            }
                        }
                    });
                if let Err(e) = spawned {
                    eprintln!("adf lsp: cannot start the reader of standard input: {e}");
                }
                Reading::Thread(rx)
            }
        }
    }
}

impl Reading {
    /// The next bytes, or `None` at the end of the input (or on an error reading it).
    async fn next(&mut self) -> Option<Vec<u8>> {
        match self {
            Reading::Stream(input, buf) => match input.read(buf).await {
                Ok(0) | Err(_) => None,
                Ok(n) => Some(buf[..n].to_vec()),
            },
            Reading::Thread(rx) => rx.recv().await,
        }
    }
}

/// Where a session's frames go.
pub(crate) enum Output {
    /// A stream the runtime writes (tests and fuzzing use in-memory pipes).
    Stream(Box<dyn AsyncWrite + Unpin + Send>),
    /// A blocking writer, the process's standard output, written by a thread of its own: the
    /// runtime's stdout hands every write and every flush to its blocking pool and waits for
    /// each, two thread hops per frame on the way of every answer (and std's stdout holds a
    /// frame's body, which ends without a newline, until the flush).
    Blocking(Box<dyn std::io::Write + Send>),
}

impl Output {
    /// Starts the writer of `frames`; it ends when every sender is gone and all is written.
    fn start(self, frames: mpsc::UnboundedReceiver<Vec<u8>>) -> tokio::task::JoinHandle<()> {
        match self {
            Output::Stream(out) => tokio::spawn(write_frames(out, frames)),
            Output::Blocking(out) => {
                tokio::task::spawn_blocking(move || write_blocking(out, frames))
            }
        }
    }
}

/// [`write_frames`] on a thread that may block: the same batching, then one flush.
fn write_blocking(
    mut out: Box<dyn std::io::Write + Send>,
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(frame) = frames.blocking_recv() {
        if out.write_all(&frame).is_err() {
            return;
        }
        while let Ok(frame) = frames.try_recv() {
            if out.write_all(&frame).is_err() {
                return;
            }
        }
        if out.flush().is_err() {
            return;
        }
    }
}

/// Writes frames as they come, flushing when none is waiting.
async fn write_frames(
    mut out: impl AsyncWrite + Unpin,
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(frame) = frames.recv().await {
        if out.write_all(&frame).await.is_err() {
            return;
        }
        while let Ok(frame) = frames.try_recv() {
            if out.write_all(&frame).await.is_err() {
                return;
            }
        }
        if out.flush().await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<Frame> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        // One byte at a time: frames split anywhere must come out whole.
        for b in bytes {
            d.push(&[*b]);
            while let Some(f) = d.next_frame() {
                out.push(f);
            }
        }
        out
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    #[test]
    fn frames_split_anywhere_come_out_whole_and_header_names_ignore_case() {
        let got =
            frames(b"Content-Length: 2\r\n\r\n{}content-length: 3\r\nContent-Type: x\r\n\r\n[1]");
        assert_eq!(got, vec![body("{}"), body("[1]")]);
    }

    /// The bodies among the frames, and whether some bytes were skipped with `why`.
    fn bodies_after(bytes: &[u8], why: &str) -> Vec<Frame> {
        let got = frames(bytes);
        assert!(
            got.iter()
                .any(|f| matches!(f, Frame::Garbage(w) if w.contains(why))),
            "{got:?}"
        );
        got.into_iter()
            .filter(|f| matches!(f, Frame::Body(_)))
            .collect()
    }

    #[test]
    fn a_bad_header_is_skipped_and_the_next_frame_read() {
        let next = b"Content-Length: 2\r\n\r\n{}";
        for (bad, why) in [
            (&b"Content-Length: abc\r\n\r\n{\"x\":1}"[..], "not a number"),
            (b"Content-Length: 99999999999\r\n\r\n", "at most"),
            (b"X-Other: 1\r\n\r\n", "without Content-Length"),
            (b"garbage\r\n\r\n", "without a colon"),
        ] {
            let input = [bad, &next[..]].concat();
            assert_eq!(bodies_after(&input, why), [body("{}")]);
        }
        // Stray bytes before a header on its first line cost nothing.
        let mut d = Decoder::default();
        d.push(b"xxContent-Length: 2\r\n\r\n{}");
        assert!(matches!(d.next_frame(), Some(Frame::Garbage(_))));
        assert_eq!(d.next_frame(), Some(body("{}")));
    }

    #[test]
    fn endless_garbage_is_bounded() {
        let mut d = Decoder::default();
        d.push(&vec![b'x'; 100_000]);
        assert!(matches!(d.next_frame(), Some(Frame::Garbage(_))));
        assert!(d.buf.is_empty());
        d.push(b"Content-Length: 2\r\n\r\n{}");
        assert_eq!(d.next_frame(), Some(body("{}")));
    }

    #[test]
    fn bodies_tower_cannot_decode_are_rejected_with_the_right_reply() {
        let s = Session::default();
        let reject = |b: &str| decode(b.as_bytes(), &s).expect_err("rejected");
        assert_eq!(
            reject("{oops").reply.expect("a reply")["error"]["code"],
            -32700
        );
        let batch = reject(r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#);
        assert!(batch.why.contains("batch"));
        assert_eq!(batch.reply.expect("a reply")["id"], Value::Null);
        let old = reject(r#"{"jsonrpc":"1.0","id":7,"method":"initialize"}"#);
        assert!(old.why.contains("1.0"));
        assert_eq!(old.reply.expect("a reply")["id"], 7);
        let missing = reject(r#"{"id":"a","method":"initialize"}"#);
        assert_eq!(missing.reply.expect("a reply")["id"], "a");
        // A notification is owed no answer.
        assert_eq!(reject(r#"{"method":"exit"}"#).reply, None);
        assert!(!s.shut_down());
        assert!(decode(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#, &s).is_ok());
        assert!(s.shut_down());
        assert!(matches!(
            decode(br#"{"jsonrpc":"2.0","id":1,"result":null}"#, &s),
            Ok(Incoming::Response(_))
        ));
    }

    /// A server whose `initialize` waits until the test lets it finish.
    struct SlowStart(Arc<tokio::sync::Notify>);

    impl tower_lsp_server::LanguageServer for SlowStart {
        async fn initialize(
            &self,
            _: tower_lsp_server::lsp_types::InitializeParams,
        ) -> tower_lsp_server::jsonrpc::Result<tower_lsp_server::lsp_types::InitializeResult>
        {
            self.0.notified().await;
            Ok(Default::default())
        }

        async fn shutdown(&self) -> tower_lsp_server::jsonrpc::Result<()> {
            Ok(())
        }
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn a_message_that_waits_for_initialize_is_served_when_it_ends() {
        // The service is not ready while `initialize` runs (and says so without a waker): a
        // request that arrives meanwhile waits, and is answered once `initialize` ends.
        let go = Arc::new(tokio::sync::Notify::new());
        let (service, socket) = tower_lsp_server::LspService::new({
            let go = Arc::clone(&go);
            move |_| SlowStart(go)
        });
        let (mut client, server_in) = tokio::io::duplex(64 * 1024);
        let (server_out, mut from_server) = tokio::io::duplex(64 * 1024);
        let session = Arc::new(Session::default());
        let served = tokio::spawn(serve(
            Input::Stream(Box::new(server_in)),
            Output::Stream(Box::new(server_out)),
            service,
            socket,
            session,
        ));
        client
            .write_all(&frame(
                r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            ))
            .await
            .expect("write");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        client
            .write_all(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
            .await
            .expect("write");
        // Time for the loop to read `shutdown` and find the service busy with `initialize`.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        go.notify_one();
        let mut out = Vec::new();
        let mut chunk = vec![0; 4096];
        let answered = tokio::time::timeout(std::time::Duration::from_secs(20), async {
            while !String::from_utf8_lossy(&out).contains(r#""id":2"#) {
                let n = from_server.read(&mut chunk).await.expect("read");
                assert!(n > 0, "the server ended: {}", String::from_utf8_lossy(&out));
                out.extend_from_slice(&chunk[..n]);
            }
        })
        .await;
        assert!(
            answered.is_ok(),
            "no answer to shutdown: {}",
            String::from_utf8_lossy(&out)
        );
        client
            .write_all(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#))
            .await
            .expect("write");
        served.await.expect("the session ends");
    }
}
