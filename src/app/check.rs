//! The check pipeline, `mentor check`'s use case: read files in, a [`CheckOutcome`] out.
//!
//! Per-file validation and loading ([`crate::load`], through the per-file [`crate::cache`] when
//! one is given), the cross-record checks ([`crate::check`]) and the rules ([`crate::rules`]) side
//! by side, the append-only meeting history ([`crate::history`]) against a baseline when one is
//! given, then every diagnostic located ([`crate::locate`]) and counted. The words for files that
//! were not read (links, files too large, not files) are here too: `read` only says what it
//! skipped.
//!
//! Touches no files itself except the cache file named in [`CheckOptions::cache`]; the caller
//! reads the program and the baseline.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::cache::{self, Cache};
use crate::diag::{Code, Diagnostic, Severity, Summary};
use crate::layout;
use crate::load::{self, Listing, LoadError, Loaded, Sources};
use crate::model::{MeetingLog, Program};
use crate::read::{Fetch, Listed, MAX_FILE_BYTES, ReadFiles, Refused, RefusedReason, Reread};
use crate::rules::{self, Rule};
use crate::source::SourceFile;
use crate::{check, history, locate, parallel};

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

/// How to run [`check`](fn@check): with or without a cache, with or without a baseline.
#[derive(Debug, Default)]
pub struct CheckOptions {
    /// The cache file of per-file results (see [`crate::cache`]): read before the check (unless
    /// read already), and written back when it changed. The default is no cache. A cache that
    /// cannot be read is ignored, and one that cannot be written only costs time on the next
    /// run, so neither is an error.
    pub cache: CacheFile,
    /// The previous commit's meeting logs, to check that meeting history is append-only (M221,
    /// M222). `None`: no history check (the work tree, or a program new since then).
    pub baseline: Option<Baseline>,
    /// Keep in [`CheckOutcome::evaluation`] only the rule findings that become diagnostics
    /// (overdue and missed; see [`rules::evaluate_reported`]), for a caller that needs only the
    /// diagnostics: less memory and time. `false` (the default): every row, for status tables,
    /// agendas and reports.
    pub reported_only: bool,
}

/// The meeting logs a change is compared with: see [`check_history`].
#[derive(Debug, Default)]
pub struct Baseline {
    /// The previous commit's files, paths relative to the program folder (files other than
    /// meeting logs are ignored).
    pub before: Vec<SourceFile>,
    /// Meeting logs byte-for-byte the same in both, whose already-parsed current version is
    /// reused.
    pub unchanged: Vec<String>,
}

/// Checks a program's files as of `as_of` ([`run_check`]), through the cache and against the
/// baseline that `options` name.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn check(
    read: ReadFiles,
    as_of: Date,
    options: CheckOptions,
) -> Result<CheckOutcome, LoadError> {
    let CheckOptions {
        cache: mut file,
        baseline,
        reported_only,
    } = options;
    let cache = file.open(&read);
    let (outcome, cache) = check_files(read, as_of, cache, baseline, reported_only, true)?;
    file.keep(cache);
    Ok(outcome)
}

/// The cache file of per-file results that a command checking the work tree shares with
/// `mentor check` (see [`crate::cache`]): where it is, and what reading it gave when it was
/// read already (on another core, while the program's files were read). The default is no
/// cache.
#[derive(Debug, Default)]
pub struct CacheFile {
    /// The cache file; `None`: no cache (`--no-cache`, or no place for one).
    pub path: Option<PathBuf>,
    /// [`cache::read`] of `path` already done; `None`: [`CacheFile::open`] reads it.
    pub read: Option<Result<Cache, cache::Miss>>,
}

impl CacheFile {
    /// The cache to check `read`'s files through: the stored one when it was made for the same
    /// tool version, schemas and `program.md`, else an empty one (a cache that cannot be read,
    /// is corrupt or is from another version is ignored). `None` without a cache file. Takes
    /// what was read, so a second call reads the file again.
    pub(crate) fn open(&mut self, read: &ReadFiles) -> Option<Cache> {
        let path = self.path.as_deref()?;
        let stored = self.read.take().unwrap_or_else(|| cache::read(path));
        Some(cache::matched(stored, cache::fingerprint(&read.files)).0)
    }

    /// Writes `cache` back to the file when it changed. A cache that cannot be written only
    /// costs time on the next run, so a failure is not an error.
    pub(crate) fn keep(&self, cache: Option<Cache>) {
        if let (Some(path), Some(cache)) = (self.path.as_deref(), cache)
            && cache.changed()
        {
            let _ = cache::store(path, &cache);
        }
    }
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
/// (see [`crate::cache`]); the outcome is the same. Returns the cache to keep (`None` without
/// one).
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn run_check_cached(
    read: ReadFiles,
    as_of: Date,
    cache: Option<Cache>,
) -> Result<(CheckOutcome, Option<Cache>), LoadError> {
    check_files(read, as_of, cache, None, false, true)
}

/// [`run_check_cached`] up to, not including, [`locate::locate`]: the diagnostics are in the
/// order they were found, with no position yet (except the few their maker positioned), and
/// the summary counts them. Every file's text is kept in the sources, so that the caller can
/// locate them there when it needs to show them.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub(super) fn check_unlocated(
    mut read: ReadFiles,
    as_of: Date,
    cache: Option<Cache>,
) -> Result<(CheckOutcome, Option<Cache>), LoadError> {
    read.reread = None;
    check_files(read, as_of, cache, None, false, false)
}

/// [`run_check_cached`], with the meeting history check against `baseline` when given (see
/// [`check_history`]), keeping only the reported rule findings when `reported_only`, and
/// locating the diagnostics when `locate`.
fn check_files(
    read: ReadFiles,
    as_of: Date,
    cache: Option<Cache>,
    baseline: Option<Baseline>,
    reported_only: bool,
    locate: bool,
) -> Result<(CheckOutcome, Option<Cache>), LoadError> {
    let ReadFiles {
        files,
        undecodable,
        symlinks,
        mut refused,
        listed,
        fetch,
        reread,
    } = read;
    let listing = Listing {
        files: &listed,
        fetch: fetch.as_deref(),
        reread: reread.as_deref(),
    };
    let (
        Loaded {
            mut program,
            mut diagnostics,
            mut sources,
            mut records,
            refused: too_large,
        },
        mut cache,
    ) = load::load_cached(files, &undecodable, listing, cache)?;
    refused.extend(too_large);
    diagnostics.extend(symlinks.iter().map(|path| skipped_link(path)));
    // Files too large or not files where records belong: named, and like any record that
    // cannot be read, not taken as missing (a rule does not count a refused meeting log as
    // no meetings).
    for file in &refused {
        diagnostics.push(refused_file(file));
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
        || match reported_only {
            true => rules::evaluate_reported(&program, as_of),
            false => rules::evaluate(&program, as_of),
        },
    );
    diagnostics.extend(checked);
    diagnostics.extend(rules::diagnostics(&program, &evaluation));
    if let Some(Baseline { before, unchanged }) = baseline {
        diagnostics.extend(history_findings(&program, before, &unchanged, as_of)?);
    }
    if locate {
        read_unread(
            &diagnostics,
            &mut sources,
            &listed,
            fetch.as_deref(),
            cache.as_mut(),
        )?;
        if let Some(reread) = reread.as_deref() {
            read_set_aside(&diagnostics, &mut sources, reread);
        }
        locate::locate_cached(&mut diagnostics, &sources, cache.as_mut());
    }
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

/// Reads, through `fetch`, the files that `diagnostics` name but that were only listed (their
/// results came from the cache), so that every diagnostic is located and shown with its lines.
/// A file whose text `cache` kept (by its content, so it is the text git holds) is taken from
/// there; the texts read are kept in `cache` for the next run (the same rule findings name the
/// same unchanged files run after run: 1,742 of them at 5,000 faculty).
///
/// # Errors
/// [`LoadError::Fetch`] when one cannot be read.
fn read_unread(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    listed: &[Listed],
    fetch: Option<&dyn Fetch>,
    mut cache: Option<&mut Cache>,
) -> Result<(), LoadError> {
    let Some(fetch) = fetch else {
        return Ok(());
    };
    let named: HashSet<&str, foldhash::fast::RandomState> = named_paths(diagnostics)
        .filter(|path| sources.get(path).is_none())
        .collect();
    let unread: Vec<Listed> = listed
        .iter()
        .filter(|file| named.contains(file.path.as_str()))
        .cloned()
        .collect();
    let key = |file: &Listed| match layout::classify(&file.path) {
        layout::Place::Record(kind) => Some(cache::key(kind, &file.path, &file.id)),
        layout::Place::Unknown | layout::Place::Ignored => None,
    };
    let mut keys = HashMap::new();
    let mut to_read = Vec::new();
    for file in unread {
        let key = cache.as_ref().and(key(&file));
        match key.zip(cache.as_deref()).and_then(|(key, c)| c.text(key)) {
            Some(text) => {
                let file = SourceFile::new(file.path, text);
                let front_matter = crate::parse::front_matter::split(&file.text).ok();
                sources.insert(file, front_matter);
            }
            None => {
                keys.extend(key.map(|key| (file.path.clone(), key)));
                to_read.push(file);
            }
        }
    }
    if to_read.is_empty() {
        return Ok(());
    }
    let read = fetch.fetch(&to_read).map_err(LoadError::Fetch)?;
    for file in read.files {
        // A text that still starts with a byte order mark would lose it when taken back.
        if let (Some(cache), Some(&key)) = (cache.as_deref_mut(), keys.get(&file.path))
            && !file.text.starts_with('\u{feff}')
        {
            cache.insert_text(key, file.text.clone());
        }
        let front_matter = crate::parse::front_matter::split(&file.text).ok();
        sources.insert(file, front_matter);
    }
    Ok(())
}

/// Reads again the files that `diagnostics` name whose texts were not kept (see
/// [`crate::read::ReadFiles::reread`]), so that every diagnostic is located and shown with its
/// lines. A file that changed since it was checked is not shown: its lines would not be the
/// ones checked.
fn read_set_aside(diagnostics: &[Diagnostic], sources: &mut Sources, reread: &dyn Reread) {
    let mut named: Vec<&str> = named_paths(diagnostics)
        .filter(|path| sources.set_aside_hash(path).is_some())
        .collect();
    named.sort_unstable();
    named.dedup();
    if named.is_empty() {
        return;
    }
    for file in reread.reread(&named) {
        if sources.set_aside_hash(&file.path) == Some(crate::source::text_hash(&file.text)) {
            let front_matter = crate::parse::front_matter::split(&file.text).ok();
            sources.insert(file, front_matter);
        }
    }
}

/// The paths that `diagnostics` name, their own and their related locations', with repeats.
fn named_paths(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &str> {
    diagnostics
        .iter()
        .flat_map(|d| std::iter::once(&d.path).chain(d.related.as_ref().map(|r| &r.path)))
        .map(String::as_str)
}

/// The warning for a symbolic link in the program folder, which is not followed.
fn skipped_link(path: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownLocation,
        path,
        format!("`{path}` is a symbolic link; mentor does not follow links, so it is not checked"),
    )
    .with_help("replace the link with the file (or folder) itself")
}

/// The diagnostic for a file that was not read: M223 (too large) or M224 (not a file), naming
/// the file.
fn refused_file(file: &Refused) -> Diagnostic {
    match file.reason {
        RefusedReason::TooLarge { bytes } => Diagnostic::new(
            Code::FileTooLarge,
            &file.path,
            format!(
                "file is {bytes} bytes or more; mentor reads files of at most {MAX_FILE_BYTES} bytes (4 MiB), so it is not checked"
            ),
        )
        .with_help("a record is a page of text: move this file out of the program folder"),
        RefusedReason::NotAFile { what } => Diagnostic::new(
            Code::NotAFile,
            &file.path,
            format!(
                "`{}` is {what}, not a file, so it is not checked",
                crate::text::printable(&file.path)
            ),
        )
        .with_help("remove it, or rename it so that it does not look like a record"),
    }
}

/// The M222 warning for a meeting log whose previous version could not be read.
fn not_compared(path: &str) -> Diagnostic {
    Diagnostic::new(
        Code::HistoryNotCompared,
        path,
        "the previous commit's version of this meeting log has errors of its own, so its past \
         meeting dates were not compared with this one",
    )
    .with_help("check the change to this log by hand (`git diff --cached` for what is staged)")
}

/// Adds the append-only meeting history findings ([`crate::history`], codes M221 and M222) to
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
    let mut found = history_findings(&outcome.program, before, unchanged, as_of)?;
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

/// The meeting history findings (M221, M222) of `program` against the previous commit's files
/// `before`, unlocated: see [`check_history`].
fn history_findings(
    program: &Program,
    before: Vec<SourceFile>,
    unchanged: &[String],
    as_of: Date,
) -> Result<Vec<Diagnostic>, LoadError> {
    let logs: Vec<SourceFile> = before
        .into_iter()
        .filter(|f| {
            layout::classify(&f.path) == layout::Place::Record(layout::RecordKind::MeetingLog)
        })
        .collect();
    let paths: Vec<String> = logs.iter().map(|f| f.path.clone()).collect();
    let before = if logs.is_empty() {
        Vec::new()
    } else {
        load::load(logs, &[])?.program.meeting_logs
    };
    // A previous version with errors of its own cannot be compared: say so.
    let loaded: HashSet<&str> = before.iter().map(|log| log.path.as_str()).collect();
    let mut found: Vec<Diagnostic> = paths
        .iter()
        .filter(|path| !loaded.contains(path.as_str()))
        .map(|path| not_compared(path))
        .collect();
    // The logs unchanged since then are compared as they are now, without copying them (2,575
    // at 5,000 faculty).
    let unchanged: HashSet<&str> = unchanged.iter().map(String::as_str).collect();
    let mut before: Vec<&MeetingLog> = before.iter().collect();
    before.extend(
        program
            .meeting_logs
            .iter()
            .filter(|log| unchanged.contains(log.path.as_str())),
    );
    before.sort_by(|a, b| a.path.cmp(&b.path));
    found.extend(history::check(&before, program, as_of));
    Ok(found)
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

    /// Whether `mentor check` fails (exit 1): any error, or with `deny_warnings` any warning.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.diagnostics.iter().any(|d| {
            d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
        })
    }

    /// How many errors are about the records themselves, which leave records out of the model:
    /// not the rules' findings (rows of the status table, whatever their configured severity)
    /// and not records dated after the as-of date (M206, which viewing an earlier date ignores).
    pub fn record_errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| {
                d.code != Code::DateInFuture && !Rule::ALL.iter().any(|r| r.code() == d.code)
            })
            .count()
    }
}

#[cfg(test)]
impl CheckOutcome {
    /// A check of an empty program of one record as of 2026-03-01 that found `diagnostics`.
    pub(crate) fn found(diagnostics: Vec<Diagnostic>) -> Self {
        let program = Program::default();
        let evaluation = rules::evaluate(&program, jiff::civil::date(2026, 3, 1));
        CheckOutcome {
            summary: Summary::new(&diagnostics, 1),
            diagnostics,
            sources: Sources::default(),
            program,
            evaluation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::text::render;
    use crate::text::is_unprintable;

    fn at(code: Code, severity: Severity) -> Diagnostic {
        Diagnostic::new(code, "people/a.md", "x").with_severity(severity)
    }

    #[test]
    fn fails_on_an_error_and_on_a_warning_only_when_warnings_are_denied() {
        let warned = CheckOutcome::found(vec![at(Code::UnknownLocation, Severity::Warning)]);
        assert!(!warned.fails(false));
        assert!(warned.fails(true));
        let failed = CheckOutcome::found(vec![at(Code::UnknownReference, Severity::Error)]);
        assert!(failed.fails(false));
        assert!(!CheckOutcome::found(Vec::new()).fails(true));
    }

    #[test]
    fn counts_as_record_errors_neither_rule_findings_nor_future_dates() {
        let outcome = CheckOutcome::found(vec![
            at(Code::UnknownReference, Severity::Error),
            at(Code::DateInFuture, Severity::Error),
            at(Rule::MeetingGap.code(), Severity::Error),
            at(Code::UnknownLocation, Severity::Warning),
        ]);
        assert_eq!(outcome.record_errors(), 1);
    }

    fn rendered(outcome: &CheckOutcome) -> String {
        render(
            &outcome.diagnostics,
            &outcome.summary,
            &outcome.sources,
            false,
        )
    }

    /// Reads files again as they are now, with `edit` applied to each text.
    #[derive(Debug)]
    struct Edited {
        inner: std::sync::Arc<dyn Reread>,
        edit: fn(&str) -> String,
    }

    impl Reread for Edited {
        fn reread(&self, paths: &[&str]) -> Vec<SourceFile> {
            let files = self.inner.reread(paths);
            files
                .into_iter()
                .map(|f| SourceFile::new(f.path, (self.edit)(&f.text)))
                .collect()
        }
    }

    /// The example program checked as of 2026-06-30, rendered, with its files read again
    /// through `edit`; `None`: every text kept, none read again.
    fn example_checked(edit: Option<fn(&str) -> String>) -> (String, usize) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-program");
        let mut read = crate::read::fs::read_program(&dir).expect("read");
        let inner = read.reread.take().expect("a folder can be read again");
        read.reread = edit
            .map(|edit| std::sync::Arc::new(Edited { inner, edit }) as std::sync::Arc<dyn Reread>);
        let outcome = run_check(read, jiff::civil::date(2026, 6, 30)).expect("checked");
        let out = rendered(&outcome);
        let at_start = outcome
            .diagnostics
            .iter()
            .filter(|d| d.position.is_some_and(|p| (p.line, p.column) == (1, 1)))
            .count();
        (out, at_start)
    }

    #[test]
    fn files_read_again_for_a_rule_finding_are_shown_only_when_unchanged() {
        // Unchanged: every finding is shown with its lines, as if every text had been kept.
        let (same, same_at_start) = example_checked(Some(str::to_owned));
        assert_eq!((same.clone(), same_at_start), example_checked(None));
        // Changed since it was checked: not shown with lines that were not the ones checked.
        // (A comment on every line: the same fields at the same lines, so only the check of
        // the text's hash keeps these lines out.)
        let (changed, changed_at_start) = example_checked(Some(|text| {
            text.lines()
                .map(|line| format!("{line} # changed\n"))
                .collect()
        }));
        assert!(!changed.contains("# changed"), "{changed}");
        assert!(changed_at_start > same_at_start, "{changed}");
    }

    #[test]
    fn keeping_only_reported_findings_changes_no_diagnostic() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-program");
        let as_of = jiff::civil::date(2026, 6, 30);
        let checked = |reported_only| {
            let read = crate::read::fs::read_program(&dir).expect("read");
            let options = CheckOptions {
                reported_only,
                ..CheckOptions::default()
            };
            check(read, as_of, options).expect("checked")
        };
        let (all, reported) = (checked(false), checked(true));
        assert_eq!(rendered(&reported), rendered(&all));
        let expected: Vec<&rules::Finding> = all
            .evaluation
            .findings
            .iter()
            .filter(|f| f.status.is_reported())
            .collect();
        assert!(!expected.is_empty() && expected.len() < all.evaluation.findings.len());
        assert_eq!(
            reported.evaluation.findings.iter().collect::<Vec<_>>(),
            expected
        );
    }

    #[test]
    fn renders_no_terminal_escapes_from_the_records() {
        let files = [
            ("people/a\u{1b}[2J.md", "---\nid: a\nname: x\n---\n"),
            (
                "people/b.md",
                "---\nid: b\nname: \"\u{1b}[31mB\u{9b}H\"\nrank: \u{1b}]0;t\u{7}\n---\n",
            ),
            (
                "people/c.md",
                "---\nid: c\nname: C \u{9b}2J\nrank: \u{202e}x\n---\n",
            ),
        ];
        let read = ReadFiles {
            files: files
                .iter()
                .map(|(path, text)| SourceFile::new(*path, *text))
                .collect(),
            ..Default::default()
        };
        let outcome = run_check(read, jiff::civil::date(2026, 3, 1)).expect("checked");
        let out = rendered(&outcome);
        assert!(out.contains("people/a\u{241b}[2J.md:"), "{out}");
        assert!(out.contains("people/b.md:"), "{out}");
        assert!(out.contains("people/c.md:"), "{out}");
        assert!(
            !out.contains(|c: char| is_unprintable(c) && c != '\n'),
            "{out:?}"
        );
    }
}
