//! Helpers shared by the adf-syntax tests.

/// Runs `f` on a thread with a 2 MiB stack (the budget every adapter must fit in) and re-raises
/// its panic, so a stack overflow or a failed assertion fails the calling test.
pub fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn test thread");
    if let Err(e) = handle.join() {
        std::panic::resume_unwind(e);
    }
}
