//! Where `mentor check` keeps its cache of per-file results (see `mentor_records::cache`; the
//! check reads and writes it through `app::CheckOptions::cache`).
//!
//! A program in a git repository keeps it in `<git dir>/mentor-cache/`, where git never looks
//! and nothing is committed; any other program in the user's cache folder
//! (`$XDG_CACHE_HOME/mentor-records/` or `~/.cache/mentor-records/` on Linux). One file per
//! program folder, named by a hash of its absolute path.

use std::path::{Path, PathBuf};

use mentor_records::cache;
use mentor_records::read::git::Repo;

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
