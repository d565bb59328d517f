//! Cooperative cancellation: an adapter hands a [`Cancel`] to a query that loops over many files
//! and flips it when the request is no longer wanted (the user typed on); the query polls it once
//! per file and gives up with [`Cancelled`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A flag a query polls; clones share it. The default (and [`Cancel::never`]) can never be set.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Option<Arc<AtomicBool>>);

/// A query gave up because its [`Cancel`] was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("request cancelled")
    }
}

impl std::error::Error for Cancelled {}

impl Cancel {
    /// A flag that can be set (by this value or any clone of it).
    pub fn new() -> Self {
        Self(Some(Arc::new(AtomicBool::new(false))))
    }

    /// A flag that is never set (tests, batch runs).
    pub fn never() -> Self {
        Self(None)
    }

    /// Asks every query holding this flag (or a clone) to stop.
    pub fn cancel(&self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }

    /// `Err(Cancelled)` once cancelled, for `?` in a query's loop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}
