//! mentor-records: a faculty mentoring program's records as plain text, checked and reported.
//!
//! The pipeline, one module per step:
//! [`read`] files (working tree) → [`parse`] front matter, YAML and Markdown →
//! [`schema`] validation → [`load`] into the typed [`model`] → [`check`] across records →
//! [`rules`] as of a date → [`locate`] diagnostics at file:line:col → render with [`diag`]
//! (diagnostics) and [`present`] (status tables).
//!
//! Only `read` touches the file system; everything after it takes values and returns values,
//! and the as-of date is always passed in. The `mentor` binary is a thin layer over [`run_check`].

// `missing_docs`, `unreachable_pub` and `clippy::unwrap_used` are set for every target in
// Cargo.toml's `[lints]`; printing is for the binary only.
#![warn(clippy::print_stdout, clippy::print_stderr)]

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
mod parallel;
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

use jiff::civil::Date;

use crate::diag::{Diagnostic, Summary};
use crate::load::{LoadError, Loaded, Sources};
use crate::model::Program;
use crate::read::ReadFiles;
use crate::source::SourceFile;

pub use crate::read::git::{Provenance, provenance};

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
    /// Every rule's findings as of the date checked (the rows of `mentor status`).
    pub evaluation: rules::Evaluation,
}

/// Loads and checks a program's files as of `as_of`: per-file validation, cross-record checks,
/// then the rules (their `overdue` and `missed` findings, at each rule's configured severity).
/// Symbolic links that were not followed are warnings (M009). Diagnostics come back located and
/// sorted.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn run_check(read: ReadFiles, as_of: Date) -> Result<CheckOutcome, LoadError> {
    run_check_cached(read, as_of, None).map(|(outcome, _)| outcome)
}

/// [`run_check`], reusing the per-file results in `cache` for files unchanged since it was made
/// (see [`cache`]); the outcome is the same. Returns the cache to keep (`None` without one).
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn run_check_cached(
    read: ReadFiles,
    as_of: Date,
    cache: Option<cache::Cache>,
) -> Result<(CheckOutcome, Option<cache::Cache>), LoadError> {
    let ReadFiles {
        files,
        undecodable,
        symlinks,
        refused,
    } = read;
    let (
        Loaded {
            mut program,
            mut diagnostics,
            sources,
            mut records,
        },
        cache,
    ) = load::load_cached(files, &undecodable, cache)?;
    diagnostics.extend(symlinks.iter().map(|path| skipped_link(path)));
    // Files too large or not files where records belong: named, and like any record that
    // cannot be read, not taken as missing (a rule does not count a refused meeting log as
    // no meetings).
    for file in &refused {
        diagnostics.push(file.diagnostic());
        if let layout::Place::Record(kind) = layout::classify(&file.path) {
            program
                .unreadable
                .entry(kind)
                .or_default()
                .insert(layout::stem(&file.path).to_owned());
            records += 1;
        }
    }
    // The record checks and the rules read the same model and nothing else: run them side by
    // side.
    let (checked, evaluation) = parallel::join(
        || check::validate(&program, as_of),
        || rules::evaluate(&program, as_of),
    );
    diagnostics.extend(checked);
    diagnostics.extend(rules::diagnostics(&program, &evaluation));
    locate::locate(&mut diagnostics, &sources);
    let summary = Summary::new(&diagnostics, records);
    Ok((
        CheckOutcome {
            diagnostics,
            summary,
            sources,
            program,
            evaluation,
        },
        cache,
    ))
}

/// The warning for a symbolic link in the program folder, which is not followed.
fn skipped_link(path: &str) -> Diagnostic {
    Diagnostic::new(
        diag::Code::UnknownLocation,
        path,
        format!("`{path}` is a symbolic link; mentor does not follow links, so it is not checked"),
    )
    .with_help("replace the link with the file (or folder) itself")
}

/// The M222 warning for a meeting log whose previous version could not be read.
fn not_compared(path: &str) -> Diagnostic {
    Diagnostic::new(
        diag::Code::HistoryNotCompared,
        path,
        "the previous commit's version of this meeting log has errors of its own, so its past \
         meeting dates were not compared with this one",
    )
    .with_help("check the change to this log by hand (`git diff --cached` for what is staged)")
}

/// Adds the append-only meeting history findings ([`history`], codes M221 and M222) to
/// `outcome`: the previous commit's meeting logs are compared with the program that was checked,
/// and a previous log that cannot be read is named. `before`
/// holds the previous commit's files (paths relative to the program folder; files other than
/// meeting logs are ignored); `unchanged` names logs that are byte-for-byte the same in both,
/// whose already-parsed current version is reused. Diagnostics are located, re-sorted and
/// counted again.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn check_history(
    outcome: &mut CheckOutcome,
    before: Vec<SourceFile>,
    unchanged: &[String],
    as_of: Date,
) -> Result<(), LoadError> {
    let logs: Vec<SourceFile> = before
        .into_iter()
        .filter(|f| {
            layout::classify(&f.path) == layout::Place::Record(layout::RecordKind::MeetingLog)
        })
        .collect();
    let paths: Vec<String> = logs.iter().map(|f| f.path.clone()).collect();
    let mut before = if logs.is_empty() {
        Vec::new()
    } else {
        load::load(logs, &[])?.program.meeting_logs
    };
    // A previous version with errors of its own cannot be compared: say so.
    let loaded: std::collections::HashSet<&str> =
        before.iter().map(|log| log.path.as_str()).collect();
    let mut found: Vec<Diagnostic> = paths
        .iter()
        .filter(|path| !loaded.contains(path.as_str()))
        .map(|path| not_compared(path))
        .collect();
    let unchanged: std::collections::HashSet<&str> = unchanged.iter().map(String::as_str).collect();
    before.extend(
        outcome
            .program
            .meeting_logs
            .iter()
            .filter(|log| unchanged.contains(log.path.as_str()))
            .cloned(),
    );
    before.sort_by(|a, b| a.path.cmp(&b.path));
    found.extend(history::check(&before, &outcome.program, as_of));
    if found.is_empty() {
        return Ok(());
    }
    locate::locate(&mut found, &outcome.sources);
    outcome.diagnostics.extend(found);
    outcome
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    outcome.summary = Summary::new(&outcome.diagnostics, outcome.summary.records);
    Ok(())
}

impl CheckOutcome {
    /// Puts `folder` (with `/` separators, no trailing `/`) in front of every path the
    /// diagnostics name, so they are relative to a repository root instead of the program
    /// folder. The model's own paths stay relative to the program folder.
    pub fn prefix_paths(&mut self, folder: &str) {
        if folder.is_empty() {
            return;
        }
        let prefix = |path: &mut String| *path = format!("{folder}/{path}");
        for d in &mut self.diagnostics {
            prefix(&mut d.path);
            if let Some(related) = d.related.as_mut() {
                prefix(&mut related.path);
            }
        }
        self.sources = std::mem::take(&mut self.sources).with_prefix(folder);
    }
}
