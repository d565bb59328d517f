//! The crate's integration tests, one binary (one link step) for all of them; each module is
//! the file of the same name beside this one.

mod common;

mod differential;
mod fuzz;
mod jsontestsuite;
mod limits;
mod recovery;
