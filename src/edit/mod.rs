//! The write path: change one record's text in place ([`text`]), check the program as it would
//! be before anything is written ([`check_change`]), then write that one file atomically
//! ([`write`]).
//!
//! [`text`] and [`check_change`] are pure (text in, text out; files in, verdict out). [`write`]
//! is, with [`crate::read`], the only place that touches the file system.

pub mod text;
pub mod write;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::app::check::{CheckOutcome, run_check};
use crate::diag::{Code, Diagnostic, Severity, Summary};
use crate::load::LoadError;
use crate::read::ReadFiles;
use crate::source::SourceFile;

/// One file's change: its path relative to the program folder (`/` separators), its text before
/// (`None` for a new file) and after. Texts are the file's whole content, a BOM included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Relative path with `/` separators, e.g. `meetings/2025-a-example.md`.
    pub path: String,
    /// The current text, or `None` when the file is new.
    pub before: Option<String>,
    /// The text to write.
    pub after: String,
}

impl Change {
    /// The change as a unified diff (`--- a/PATH` / `+++ b/PATH`, 3 lines of context), for
    /// `--dry-run`.
    pub fn diff(&self) -> String {
        let before = self.before.as_deref().unwrap_or("");
        let old = if self.before.is_some() {
            format!("a/{}", self.path)
        } else {
            "/dev/null".to_owned()
        };
        similar::TextDiff::from_lines(before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(&old, &format!("b/{}", self.path))
            .to_string()
    }
}

/// The outcome of checking a change before it is written.
#[derive(Debug)]
pub struct Verdict {
    /// The check of the program with the change applied.
    pub after: CheckOutcome,
    /// The errors the change adds (and new warnings whose code the caller refuses): errors of the changed program that the program as it is
    /// does not have (compared by code, file and message, counted with multiplicity), located in
    /// `after`'s sources. Empty means the change may be written.
    pub new_errors: Vec<Diagnostic>,
}

impl Verdict {
    /// The counts for rendering [`Verdict::new_errors`] with [`crate::diag::text::render`].
    pub fn summary(&self) -> Summary {
        Summary::new(&self.new_errors, self.after.summary.records)
    }
}

/// Checks `change` against the program read from disk: runs [`run_check`] on `files` as they
/// are and on `files` with the changed file replaced (or added), both as of `as_of`, and
/// returns the errors the change adds. Warnings refuse a change only when their code is in
/// `refuse` (a command that appends a meeting date refuses a duplicate date, M217, which is a
/// warning in `check`).
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn check_change(
    files: ReadFiles,
    change: &Change,
    as_of: Date,
    refuse: &[Code],
) -> Result<Verdict, LoadError> {
    check_changes(files, std::slice::from_ref(change), as_of, refuse)
}

/// [`check_change`] for several files changed together (an import of many people): the
/// program is checked once with every change applied.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn check_changes(
    files: ReadFiles,
    changes: &[Change],
    as_of: Date,
    refuse: &[Code],
) -> Result<Verdict, LoadError> {
    let changed_path = |path: &str| changes.iter().any(|c| c.path == path);
    let mut changed = ReadFiles {
        files: files.files.clone(),
        undecodable: files
            .undecodable
            .iter()
            .filter(|u| !changed_path(&u.path))
            .cloned()
            .collect(),
        symlinks: files.symlinks.clone(),
        refused: files
            .refused
            .iter()
            .filter(|r| !changed_path(&r.path))
            .cloned()
            .collect(),
        listed: files
            .listed
            .iter()
            .filter(|l| !changed_path(&l.path))
            .cloned()
            .collect(),
        fetch: files.fetch.clone(),
        // The changed files' new texts are not on disk yet: keep every text.
        reread: None,
    };
    changed.files.retain(|f| !changed_path(&f.path));
    changed.files.extend(
        changes
            .iter()
            .map(|c| SourceFile::new(c.path.clone(), c.after.clone())),
    );
    changed.files.sort_by(|a, b| a.path.cmp(&b.path));
    let before = run_check(files, as_of)?;
    let after = run_check(changed, as_of)?;
    let mut known: HashMap<(Code, &str, &str), usize> = HashMap::new();
    for d in before
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error || refuse.contains(&d.code))
    {
        *known
            .entry((d.code, d.path.as_str(), d.message.as_str()))
            .or_default() += 1;
    }
    let mut new_errors = Vec::new();
    for d in after
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error || refuse.contains(&d.code))
    {
        match known.get_mut(&(d.code, d.path.as_str(), d.message.as_str())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => new_errors.push(d.clone()),
        }
    }
    Ok(Verdict { after, new_errors })
}
