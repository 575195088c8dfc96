//! `mentor check --staged` and `--rev`: find the repository and the program in it, read the
//! records from git instead of the work tree, and add the append-only meeting history check.
//!
//! Diagnostics name paths relative to the repository root (the same as relative to the program
//! folder when the program is the root), because that is where git runs hooks and how git
//! names files.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::civil::Date;
use mentor_records::app::{self, Baseline, CacheFile, CheckOptions, CheckOutcome};
use mentor_records::cache;
use mentor_records::load::LoadError;
use mentor_records::read::git::{self, Repo, Snapshot};

/// The repository holding `given` (relative to the current folder) when it is a folder, else
/// the one holding the current folder; and the current folder.
pub(crate) fn discover(given: Option<&Path>) -> anyhow::Result<(Repo, PathBuf)> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let start = given.map(|dir| cwd.join(dir)).filter(|dir| dir.is_dir());
    let repo = Repo::discover(start.as_deref().unwrap_or(&cwd))?;
    Ok((repo, cwd))
}

/// Checks the program as staged or at a commit; see `CheckArgs::staged` and `CheckArgs::rev`.
pub(crate) fn check(
    given: Option<&Path>,
    snapshot: Snapshot<'_>,
    as_of: Date,
    use_cache: bool,
) -> anyhow::Result<CheckOutcome> {
    let (repo, cwd) = discover(given)?;
    // Resolve a revision once, so every read below sees the same commit.
    let (commit, baseline) = match snapshot {
        Snapshot::Staged => (None, repo.head()?.map(|head| head.id)),
        Snapshot::Revision(rev) => {
            let commit = repo.resolve(rev)?;
            let parent = commit.first_parent.clone();
            (Some(commit), parent)
        }
    };
    let snapshot = match &commit {
        Some(commit) => Snapshot::Revision(&commit.id),
        None => Snapshot::Staged,
    };
    let program = git::find_program(&repo, snapshot, given, &cwd)?;
    let cache = use_cache
        .then(|| {
            let folder = match repo.workdir() {
                Some(workdir) => workdir.join(&program),
                None => repo.git_dir().join(&program),
            };
            crate::cache::location(&folder, Some(&repo))
        })
        .flatten();
    // The cache file is read on another core while git lists the program and reads its
    // history: neither needs the other (at 5,000 faculty each takes about 20 ms).
    let (files, history, cache_read) = std::thread::scope(|scope| {
        let reading = cache
            .as_deref()
            .map(|path| scope.spawn(move || cache::read(path)));
        let files = git::list(&repo, snapshot, &program)?;
        // The program may have lived in another folder then; a program new since then has no
        // history.
        let mut history = None;
        if let Some(rev) = &baseline
            && let Some(folder) = git::program_at(&repo, rev, &program)?
        {
            let before = git::read_meeting_logs(&repo, rev, &folder, &files)?;
            history = Some(Baseline {
                before: before.changed.files,
                unchanged: before.unchanged,
            });
        }
        // A reader that panicked is as good as no reader: the check reads the file itself.
        let cache_read = reading.and_then(|reading| reading.join().ok());
        anyhow::Ok((files, history, cache_read))
    })?;
    // Records come from the cache: keep freed memory for mimalloc's usual delay (`alloc`).
    if matches!(cache_read, Some(Ok(_))) {
        crate::alloc::quick();
    }
    let options = CheckOptions {
        cache: CacheFile {
            path: cache,
            read: cache_read,
        },
        baseline: history,
        // `mentor check` prints diagnostics only, not status rows.
        reported_only: true,
    };
    let mut outcome = app::check(files, as_of, options).map_err(|error| match error {
        // A blob listed a moment ago that git can no longer give (a concurrent `git gc`).
        LoadError::Fetch(message) => anyhow::anyhow!(message),
        other => anyhow::Error::new(other).context(crate::BROKEN),
    })?;
    outcome.prefix_paths(&program);
    Ok(outcome)
}
