//! The end-to-end tests, one binary (one link step) for all of them; each module is the file of
//! the same name beside this one.

mod cli;
mod cli_config;
mod cli_disk;
mod cli_formats;
mod corpus;
mod corpus_extra;
mod fabric_profile;
mod lsp;
mod lsp_incremental;
mod lsp_indexing;
mod neovim;
mod npm_packages;
mod project_parity;
mod seed;
mod tidy;
mod whatif;
