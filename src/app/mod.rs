//! The use cases, one per command that reads a program: [`check`](fn@check), [`status`](fn@status)
//! and [`report`](fn@report). Each takes the files already read and the as-of date, runs the
//! pipeline, applies the command's policy (what fails a check, what stops a report, which rows a
//! status shows) and returns typed values. The binary resolves its arguments, reads the files,
//! calls one of these, and picks a renderer and an exit code.
//!
//! Reads no files and never the clock (the one exception: the cache file that
//! [`CheckOptions::cache`] names). The last layer but `edit` and the crate root: it may use
//! every module before it.

pub mod check;
pub mod report;
pub mod status;

pub use check::{Baseline, CacheFile, CheckOptions, CheckOutcome, check};
pub use report::{Ready, Report, ReportOptions, report};
pub use status::{Filter, StatusOutcome, status};
