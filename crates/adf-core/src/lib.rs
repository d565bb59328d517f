//! ADF model, rules and queries over texts and offsets; no I/O.
