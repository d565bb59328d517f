//! The ADF language server: LSP over stdio on top of adf-core's IDE queries.
//!
//! Architecture invariant: all IDE logic lives in `adf_core::ide`; this crate only converts
//! (URIs ⇄ paths, UTF-16 or UTF-8 positions ⇄ byte offsets, core structs ⇄ LSP types), keeps
//! documents in sync and reads the disk through adf-host (the core never does).

mod capabilities;
mod convert;
mod diagnostics;
mod dispatch;
mod handlers;
mod index;
mod indexing;
mod server;
mod state;
mod sync;

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (service, socket) = tower_lsp_server::LspService::new(server::Backend::new);
        tower_lsp_server::Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Tokio reads stdin on a blocking thread that may sit in a read forever once the client
    // said `exit`; waiting for it would keep the process alive.
    runtime.shutdown_background();
    Ok(())
}
