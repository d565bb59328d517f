//! The language server's frame filter on arbitrary bytes, fed in chunks of a fuzzed size:
//! headers of any case and length, bodies that are not JSON, batches, wrong `jsonrpc`. It never
//! panics and always gives up on garbage (each call returns).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, rest)) = data.split_first() else {
        return;
    };
    let _ = adf_lsp::fuzz_frames(rest, usize::from(chunk));
});
