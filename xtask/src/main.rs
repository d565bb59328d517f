//! Developer commands: `cargo xtask catalog`, `cargo xtask docs`.
fn main() {}
