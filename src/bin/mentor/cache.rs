//! Where `mentor check` keeps its cache of per-file results, and a check that uses it (see
//! `mentor_records::cache`).
//!
//! A program in a git repository keeps it in `<git dir>/mentor-cache/`, where git never looks
//! and nothing is committed; any other program in the user's cache folder
//! (`$XDG_CACHE_HOME/mentor-records/` or `~/.cache/mentor-records/` on Linux). One file per
//! program folder, named by a hash of its absolute path.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::civil::Date;
use mentor_records::read::ReadFiles;
use mentor_records::read::git::Repo;
use mentor_records::{CheckOutcome, cache};

/// The cache file for the program in `folder` (a folder in `repo` when given); `None` when there
/// is no place for one (no repository and no user cache folder).
pub(crate) fn location(folder: &Path, repo: Option<&Repo>) -> Option<PathBuf> {
    let absolute = std::path::absolute(folder).ok()?;
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let name = cache::file_name(&absolute.to_string_lossy());
    match repo {
        Some(repo) => Some(repo.git_dir().join("mentor-cache").join(name)),
        None => match Repo::discover(&absolute) {
            Ok(repo) => Some(repo.git_dir().join("mentor-cache").join(name)),
            Err(_) => Some(dirs::cache_dir()?.join("mentor-records").join(name)),
        },
    }
}

/// `mentor_records::run_check` with the cache at `location` (none: no cache): a cache that
/// cannot be used is ignored, and one that changed is written back; a cache that cannot be
/// written only costs time on the next run, so that is not an error.
pub(crate) fn run_check(
    files: ReadFiles,
    as_of: Date,
    location: Option<&Path>,
) -> anyhow::Result<CheckOutcome> {
    let cache = location.map(|path| cache::load(path, cache::fingerprint(&files.files)).0);
    let (outcome, cache) = mentor_records::run_check_cached(files, as_of, cache)
        .context("internal error: a built-in schema or instrument is broken")?;
    if let (Some(path), Some(cache)) = (location, cache)
        && cache.changed()
    {
        let _ = cache::store(path, &cache);
    }
    Ok(outcome)
}
