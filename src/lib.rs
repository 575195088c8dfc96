//! mentor-records: a faculty mentoring program's records as plain text, checked and reported.
//!
//! The pipeline, one module per step:
//! [`read`] files (working tree) → [`parse`] front matter, YAML and Markdown →
//! [`schema`] validation → [`load`] into the typed [`model`] → [`check`] across records →
//! [`locate`] diagnostics at file:line:col → render with [`diag`].
//!
//! Only `read` touches the file system; everything after it takes values and returns values,
//! and the as-of date is always passed in. The `mentor` binary is a thin layer over [`run_check`].

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

pub mod check;
pub mod diag;
pub mod layout;
pub mod load;
pub mod locate;
pub mod model;
pub mod parse;
pub mod read;
pub mod report;
pub mod schema;
pub mod source;
pub mod suggest;

use jiff::civil::Date;

use crate::diag::{Diagnostic, Summary};
use crate::load::{LoadError, Loaded, Sources, Undecodable};
use crate::model::Program;
use crate::source::SourceFile;

/// Everything `mentor check` found.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Located, sorted diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts for the summary line.
    pub summary: Summary,
    /// The files, for rendering snippets.
    pub sources: Sources,
    /// The model of every valid record.
    pub program: Program,
}

/// Loads and checks a program's files as of `as_of`: per-file validation, then cross-record
/// checks. Diagnostics come back located and sorted.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn run_check(
    files: Vec<SourceFile>,
    undecodable: &[Undecodable],
    as_of: Date,
) -> Result<CheckOutcome, LoadError> {
    let Loaded {
        program,
        mut diagnostics,
        sources,
        records,
    } = load::load(files, undecodable)?;
    diagnostics.extend(check::validate(&program, as_of));
    locate::locate(&mut diagnostics, &sources);
    let summary = Summary::new(&diagnostics, records);
    Ok(CheckOutcome {
        diagnostics,
        summary,
        sources,
        program,
    })
}
