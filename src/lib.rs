//! mentor-records: a faculty mentoring program's records as plain text, checked and reported.
//!
//! The pipeline, one module per step:
//! [`read`] files (working tree) → [`parse`] front matter, YAML and Markdown →
//! [`schema`] validation → [`load`] into the typed [`model`] → [`check`] across records →
//! [`rules`] as of a date → [`locate`] diagnostics at file:line:col → render with [`diag`]
//! (diagnostics) and [`present`] (status tables).
//!
//! Only `read` touches the file system; everything after it takes values and returns values,
//! and the as-of date is always passed in. The use cases ([`app`]: check, status, report) run
//! the pipeline; the `mentor` binary is a thin layer over them. Modules depend one way only, in
//! the order CONTRIBUTING.md's "Module graph" lists (`tests/architecture.rs` enforces it).

// `missing_docs`, `unreachable_pub` and `clippy::unwrap_used` are set for every target in
// Cargo.toml's `[lints]`; printing is for the binary only.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod cache;
pub mod check;
pub mod diag;
pub mod due;
pub mod edit;
pub mod history;
pub mod layout;
pub mod load;
pub mod locate;
pub mod matching;
pub mod model;
pub mod notices;
pub mod parallel;
pub mod parse;
pub mod pointer;
pub mod present;
pub mod read;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod text;

pub use crate::app::check::{CheckOutcome, check_history, run_check, run_check_cached};
pub use crate::read::git::{Provenance, provenance};
