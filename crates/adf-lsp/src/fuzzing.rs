//! Entries for the fuzz targets in `fuzz/` (hidden from the documentation): the frame filter on
//! raw bytes, and a whole session in memory.

use crate::transport::{decode, Decoder, Frame, Session};
use serde_json::Value;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Splits `bytes` into frames in chunks of `chunk` bytes and judges each body, as the server
/// does with the client's stream; returns the number of frames seen.
pub fn fuzz_frames(bytes: &[u8], chunk: usize) -> usize {
    let session = Session::default();
    let mut decoder = Decoder::default();
    let mut frames = 0;
    for part in bytes.chunks(chunk.max(1)) {
        decoder.push(part);
        while let Some(frame) = decoder.next_frame() {
            frames += 1;
            if let Frame::Body(body) = frame {
                let _ = decode(&body, &session);
            }
        }
    }
    frames
}

/// Runs a whole session: writes each step's bytes as the client's stream and, when a step names
/// a request id, waits for its response before the next step (as a client waits for
/// `initialize`); then ends the stream. Returns what the server wrote and whether `shutdown`
/// came first.
pub fn fuzz_session(steps: Vec<(Vec<u8>, Option<i64>)>) -> std::io::Result<(Vec<u8>, bool)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let session = Arc::new(Session::default());
    let (mut client_in, server_in) = tokio::io::duplex(64 * 1024);
    let (mut client_out, server_out) = tokio::io::duplex(64 * 1024);
    let (answered, mut answers) = tokio::sync::mpsc::unbounded_channel::<i64>();
    let written = runtime.block_on(async {
        let reader = tokio::spawn(async move {
            let mut out = Vec::new();
            let mut decoder = Decoder::default();
            let mut chunk = vec![0; 64 * 1024];
            while let Ok(n @ 1..) = client_out.read(&mut chunk).await {
                out.extend_from_slice(&chunk[..n]);
                decoder.push(&chunk[..n]);
                while let Some(frame) = decoder.next_frame() {
                    let Frame::Body(body) = frame else { continue };
                    let id = serde_json::from_slice::<Value>(&body)
                        .ok()
                        .filter(|v| v.get("method").is_none())
                        .and_then(|v| v.get("id").and_then(Value::as_i64));
                    if let Some(id) = id {
                        let _ = answered.send(id);
                    }
                }
            }
            out
        });
        let writer = tokio::spawn(async move {
            let mut seen = std::collections::HashSet::new();
            for (bytes, wait) in steps {
                if client_in.write_all(&bytes).await.is_err() {
                    return;
                }
                if let Some(id) = wait {
                    while !seen.contains(&id) {
                        match answers.recv().await {
                            Some(got) => seen.insert(got),
                            None => return,
                        };
                    }
                }
            }
        });
        crate::serve(
            crate::transport::Input::Stream(Box::new(server_in)),
            crate::transport::Output::Stream(Box::new(server_out)),
            session.clone(),
        )
        .await;
        let _ = writer.await;
        reader.await.unwrap_or_default()
    });
    // Unlike `run_stdio`, nothing here blocks in a read: dropping the runtime joins its threads,
    // so a fuzzing process that runs thousands of sessions ends with none left behind.
    drop(runtime);
    Ok((written, session.shut_down()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn a_session_in_memory_is_served_whole() {
        let steps = vec![
            (
                frame(
                    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
                ),
                Some(1),
            ),
            (b"Content-Length: 3\r\n\r\n{x}".to_vec(), None),
            (
                frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
                Some(2),
            ),
            (frame(r#"{"jsonrpc":"2.0","method":"exit"}"#), None),
        ];
        let (out, orderly) = fuzz_session(steps).expect("a runtime");
        let out = String::from_utf8_lossy(&out);
        assert!(out.contains("\"capabilities\""), "{out}");
        assert!(out.contains("-32700"), "the bad frame is answered: {out}");
        assert!(!out.contains("not initialized"), "{out}");
        assert!(orderly);
        assert_eq!(fuzz_frames(b"Content-Length: 2\r\n\r\n{}xx", 3), 1);
    }
}
