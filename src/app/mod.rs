//! The use cases, one per command that reads a program. Each takes the files already read and
//! the as-of date, runs the pipeline, applies the command's policy and returns typed values. The
//! binary resolves its arguments, reads the files, calls one of these, and picks a renderer and
//! an exit code.
//!
//! Reads no files and never the clock (the one exception: the cache file that
//! [`CheckOptions::cache`] names). The last layer but `edit` and the crate root: it may use
//! every module before it.

pub mod check;

pub use check::{Baseline, CheckOptions, CheckOutcome, check};
