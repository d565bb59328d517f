//! Disk access for the native adapters: the CLI and the language server walk factories, read
//! files and find `adf.toml` the same way.
//!
//! Architecture invariant: the core never reads a disk; wasm gets its files from JavaScript and
//! does not use this crate.

pub mod files;
pub mod fs;
pub mod settings;
