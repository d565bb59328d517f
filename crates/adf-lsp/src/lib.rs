//! The ADF language server: LSP over stdio on top of adf-core's IDE queries.
//!
//! Architecture invariant: all IDE logic lives in `adf_core::ide`; this crate only converts
//! (URIs ⇄ paths, UTF-16 or UTF-8 positions ⇄ byte offsets, core structs ⇄ LSP types), keeps
//! documents in sync and reads the disk through adf-host (the core never does).

mod capabilities;
mod checking;
mod convert;
mod diagnostics;
mod dispatch;
mod fuzzing;
mod handlers;
mod index;
mod indexing;
mod server;
mod state;
mod sync;
mod transport;

#[doc(hidden)]
pub use fuzzing::{fuzz_frames, fuzz_session};

/// Runs the server on stdin/stdout until the client says `exit` or closes the stream; returns
/// whether the session ended in order (`shutdown` before the end), which LSP maps to status 0.
pub fn run_stdio() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let session = std::sync::Arc::new(transport::Session::default());
    runtime.block_on(serve(
        transport::Input::Blocking(Box::new(std::io::stdin())),
        transport::Output::Blocking(Box::new(std::io::stdout())),
        session.clone(),
    ));
    // A blocking task (the indexing, a check) may still run once the client said `exit`;
    // waiting for it would keep the process alive. The reader of stdin is no task of the
    // runtime: it may sit in a read forever, and ends with the process.
    runtime.shutdown_background();
    Ok(session.shut_down())
}

/// Serves one session over any byte streams, through the frame filter.
async fn serve(
    input: transport::Input,
    output: transport::Output,
    session: std::sync::Arc<transport::Session>,
) {
    // tower-lsp has no method for a cancelled progress; the indexing's is cancellable.
    let (service, socket) = tower_lsp_server::LspService::build(server::Backend::new)
        .custom_method(
            "window/workDoneProgress/cancel",
            server::Backend::progress_cancelled,
        )
        .custom_method("adf/graph", server::Backend::graph)
        .finish();
    transport::serve(input, output, service, socket, session).await;
}
