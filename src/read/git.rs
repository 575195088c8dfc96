//! Reading a program out of git (gix): the files staged in the index (what `git commit` would
//! record) or the tree of any commit, plus where the program lives in the repository and the
//! [`Provenance`] of a working tree.
//!
//! This is the only module that touches gix. It produces the same [`ReadFiles`] as
//! [`super::fs`], with paths relative to the program folder and the same layout filtering
//! ([`layout::classify`]), so everything downstream is unchanged. It never shells out to `git`.
//!
//! Repositories are found like git finds them, honouring `GIT_DIR`, `GIT_WORK_TREE` and
//! `GIT_INDEX_FILE`: inside a pre-commit hook git points `GIT_INDEX_FILE` at a temporary index
//! (for `git commit -a` or `git commit <paths>`), and that is the index read here.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::hash::ObjectId;
use serde::Serialize;

use super::ReadFiles;
use crate::layout::{self, Place, RecordKind};

/// The program's own file, whose folder is the program folder.
const PROGRAM_FILE: &str = "program.md";

/// Why a program could not be read from git.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// No repository at or above the folder.
    #[error("`{path}` is not in a git repository")]
    NotARepository {
        /// The folder searched from.
        path: String,
        /// What gix said.
        #[source]
        source: gix::Error,
    },
    /// The repository has no work tree, so there is no index and no program folder on disk.
    #[error(
        "the repository at `{path}` is bare (it has no work tree); use `--rev` with `--program-dir` relative to the repository"
    )]
    Bare {
        /// The repository's git directory.
        path: String,
    },
    /// The revision does not name a commit.
    #[error("`{rev}` is not a commit in this repository")]
    BadRevision {
        /// The revision as given.
        rev: String,
        /// What gix said.
        #[source]
        source: gix::Error,
    },
    /// The program folder given is not inside the repository's work tree.
    #[error("the program folder `{path}` is outside the git work tree `{workdir}`")]
    OutsideWorkTree {
        /// The folder as given.
        path: String,
        /// The repository's work tree.
        workdir: String,
    },
    /// No `program.md` was found.
    #[error(
        "no `program.md` found in {snapshot}; run from the program folder or pass `--program-dir`"
    )]
    NoProgram {
        /// What was searched ("the index", "commit 1a2b3c4").
        snapshot: String,
    },
    /// Several `program.md` files and nothing to choose between them.
    #[error("{snapshot} holds several programs ({}); pass `--program-dir` to pick one", .folders.join(", "))]
    SeveralPrograms {
        /// What was searched.
        snapshot: String,
        /// Repository-relative folders holding a `program.md` (the first few).
        folders: Vec<String>,
    },
    /// The index has unresolved merge conflicts in the program.
    #[error("the index has unresolved merge conflicts in {}; resolve them and `git add` the files", .paths.join(", "))]
    Conflicts {
        /// Repository-relative paths of the conflicted files (the first few).
        paths: Vec<String>,
    },
    /// Any other failure reading the repository.
    #[error("{context}")]
    Git {
        /// What was being done.
        context: String,
        /// What gix said.
        #[source]
        source: gix::Error,
    },
}

/// Wraps a gix error with what was being done.
fn git(context: impl FnOnce() -> String) -> impl FnOnce(gix::Error) -> GitError {
    move |source| GitError::Git {
        context: context(),
        source,
    }
}

/// Which state of the repository to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snapshot<'a> {
    /// The index: what the next commit would record.
    Staged,
    /// The tree of a commit, named by any revision (`HEAD`, `HEAD~2`, a tag, a commit id).
    Revision(&'a str),
}

impl Snapshot<'_> {
    fn describe(self) -> String {
        match self {
            Snapshot::Staged => "the git index".to_owned(),
            Snapshot::Revision(rev) => format!("commit `{rev}`"),
        }
    }
}

/// A commit, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hexadecimal id.
    pub id: String,
    /// Abbreviated id, unique in the repository (at least 7 digits).
    pub short: String,
    /// Full id of the first parent; `None` for a root commit.
    pub first_parent: Option<String>,
}

/// A git repository, found from a folder inside it.
pub struct Repo {
    repo: gix::Repository,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("git_dir", &self.repo.git_dir())
            .finish()
    }
}

impl Repo {
    /// Finds the repository holding `dir`, searching upwards like git does (and honouring
    /// `GIT_DIR`, `GIT_WORK_TREE` and `GIT_INDEX_FILE`).
    ///
    /// # Errors
    /// [`GitError::NotARepository`] when there is none.
    pub fn discover(dir: &Path) -> Result<Self, GitError> {
        let repo = gix::discover_with_environment_overrides(dir).map_err(|source| {
            GitError::NotARepository {
                path: dir.display().to_string(),
                source,
            }
        })?;
        Ok(Repo { repo })
    }

    /// The work tree's root folder; `None` for a bare repository.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// The repository's git folder (`.git`, or `.git/worktrees/<name>` for a linked work tree).
    pub fn git_dir(&self) -> &Path {
        self.repo.git_dir()
    }

    /// The commit `HEAD` points at; `None` on an unborn branch (no commit yet).
    ///
    /// # Errors
    /// [`GitError::Git`] when `HEAD` cannot be read.
    pub fn head(&self) -> Result<Option<Commit>, GitError> {
        let head = self
            .repo
            .head()
            .map_err(git(|| "cannot read HEAD".to_owned()))?;
        match head.id() {
            None => Ok(None),
            Some(_) => self.resolve("HEAD").map(Some),
        }
    }

    /// Resolves a revision (`HEAD`, `HEAD~2`, `main`, a tag, a commit id) to a commit.
    ///
    /// # Errors
    /// [`GitError::BadRevision`] when it names no commit.
    pub fn resolve(&self, rev: &str) -> Result<Commit, GitError> {
        let commit = self.commit(rev)?;
        let id = commit.id();
        Ok(Commit {
            id: id.to_string(),
            short: id.shorten_or_id().to_string(),
            first_parent: commit.parent_ids().next().map(|p| p.to_string()),
        })
    }

    /// Where git looks for hooks: `core.hooksPath` when set (relative to the work tree root),
    /// else `hooks/` in the common git directory.
    ///
    /// # Errors
    /// [`GitError::Git`] when `core.hooksPath` cannot be interpolated.
    pub fn hooks_dir(&self) -> Result<PathBuf, GitError> {
        let configured = self
            .repo
            .config_snapshot()
            .trusted_path("core.hooksPath")
            .map_err(git(|| "cannot read `core.hooksPath`".to_owned()))?;
        Ok(match configured {
            Some(path) if path.is_absolute() => path,
            Some(path) => self
                .workdir()
                .unwrap_or_else(|| self.repo.git_dir())
                .join(path),
            None => self.repo.common_dir().join("hooks"),
        })
    }

    fn commit(&self, rev: &str) -> Result<gix::Commit<'_>, GitError> {
        let bad = |source| GitError::BadRevision {
            rev: rev.to_owned(),
            source,
        };
        self.repo
            .rev_parse_single(rev)
            .map_err(bad)?
            .object()
            .map_err(bad)?
            .peel_to_commit()
            .map_err(bad)
    }

    /// Regular files (not symlinks or submodules) of `snapshot` under the repository-relative
    /// folder `prefix` (`""` for all), as repository-relative paths and blob ids, in path order.
    fn files(
        &self,
        snapshot: Snapshot<'_>,
        prefix: &str,
    ) -> Result<Vec<(String, ObjectId)>, GitError> {
        Ok(self.entries(snapshot, prefix)?.0)
    }

    /// [`Self::files`], and the repository-relative paths of the symbolic links beside them.
    fn entries(&self, snapshot: Snapshot<'_>, prefix: &str) -> Result<Entries, GitError> {
        match snapshot {
            Snapshot::Staged => self.index_files(prefix),
            Snapshot::Revision(rev) => {
                let tree = self
                    .commit(rev)?
                    .tree()
                    .map_err(git(|| format!("cannot read the tree of `{rev}`")))?;
                let mut out = (Vec::new(), Vec::new());
                let root = if prefix.is_empty() {
                    Some(tree.id)
                } else {
                    tree.lookup_entry_by_path(prefix)
                        .map_err(git(|| format!("cannot read `{prefix}` in `{rev}`")))?
                        .filter(|e| e.mode().is_tree())
                        .map(|e| e.object_id())
                };
                if let Some(root) = root {
                    self.walk_tree(root, prefix.to_owned(), &mut out)
                        .map_err(git(|| format!("cannot read the tree of `{rev}`")))?;
                }
                Ok(out)
            }
        }
    }

    fn index_files(&self, prefix: &str) -> Result<Entries, GitError> {
        if self.workdir().is_none() {
            return Err(GitError::Bare {
                path: self.repo.git_dir().display().to_string(),
            });
        }
        let path = self.repo.index_path();
        if !path.exists() {
            // A fresh repository before the first `git add` has no index file yet.
            return Ok((Vec::new(), Vec::new()));
        }
        let index = self.repo.open_index().map_err(git(|| {
            format!("cannot read the git index `{}`", path.display())
        }))?;
        let mut out = Vec::new();
        let mut links = Vec::new();
        let mut conflicts = BTreeSet::new();
        for entry in index.entries() {
            let path = entry.path(&index).to_str_lossy();
            if !is_under(&path, prefix) {
                continue;
            }
            if entry.stage_raw() != 0 {
                conflicts.insert(path.into_owned());
                continue;
            }
            let mode = entry.mode;
            if mode == gix::index::entry::Mode::SYMLINK {
                links.push(path.into_owned());
                continue;
            }
            let is_file = mode == gix::index::entry::Mode::FILE
                || mode == gix::index::entry::Mode::FILE_EXECUTABLE;
            // `git add -N` entries are placeholders: nothing of them is committed yet.
            if !is_file
                || entry
                    .flags
                    .contains(gix::index::entry::Flags::INTENT_TO_ADD)
            {
                continue;
            }
            out.push((path.into_owned(), entry.id));
        }
        if !conflicts.is_empty() {
            return Err(GitError::Conflicts {
                paths: conflicts.into_iter().take(5).collect(),
            });
        }
        Ok((out, links))
    }

    fn walk_tree(&self, tree: ObjectId, base: String, out: &mut Entries) -> gix::Result<()> {
        let tree = self.repo.find_tree(tree)?;
        let decoded = tree.decode()?;
        for entry in &decoded.entries {
            let name = entry.filename.to_str_lossy();
            let path = if base.is_empty() {
                name.into_owned()
            } else {
                format!("{base}/{name}")
            };
            if entry.mode.is_tree() {
                self.walk_tree(entry.oid.to_owned(), path, out)?;
            } else if entry.mode.is_blob() {
                out.0.push((path, entry.oid.to_owned()));
            } else if entry.mode.is_link() {
                out.1.push(path);
            }
        }
        Ok(())
    }

    /// Reads the blobs of the files under `program` that `keep` accepts (given the path relative
    /// to the program folder and the blob id) into [`ReadFiles`]. With `list`, record files
    /// other than `program.md` are only listed with their blob ids ([`ReadFiles::listed`]), to
    /// be read on demand. With `only`, just the files in that folder of the program (such as
    /// `meetings`) are looked at, and the rest of its tree is not walked.
    fn read(
        &self,
        snapshot: Snapshot<'_>,
        program: &str,
        only: Option<&str>,
        list: bool,
        mut keep: impl FnMut(&str, &ObjectId) -> bool,
    ) -> Result<ReadFiles, GitError> {
        let mut out = ReadFiles::default();
        let walked = match (only, program) {
            (None, _) => program.to_owned(),
            (Some(folder), "") => folder.to_owned(),
            (Some(folder), _) => format!("{program}/{folder}"),
        };
        let (files, links) = self.entries(snapshot, &walked)?;
        for (path, id) in files {
            let relative = strip_folder(&path, program);
            let place = layout::classify(relative);
            if place == Place::Ignored || !keep(relative, &id) {
                continue;
            }
            if list
                && place != Place::Record(RecordKind::Program)
                && matches!(place, Place::Record(_))
                && let Ok(bytes) = <[u8; 20]>::try_from(id.as_slice())
            {
                // A program at the repository root lists the paths as they are (28,713 of them
                // at 5,000 faculty), without copying them.
                let relative = match program.is_empty() {
                    true => path,
                    false => relative.to_owned(),
                };
                out.listed.push(super::Listed {
                    path: relative,
                    id: crate::source::ContentId(bytes),
                });
                continue;
            }
            let from = snapshot.describe();
            let relative = relative.to_owned();
            read_blob(&self.repo, &from, &path, relative, id, &mut out)?;
        }
        // Committed symbolic links are reported (M009) as in the work tree: a link is never
        // followed, and never silently skipped. Whether it points at a file is not known here,
        // so any link where a record or a record folder may be is named.
        for path in links {
            let relative = strip_folder(&path, program).to_owned();
            if super::fs::is_reported_link(&relative, false) {
                out.symlinks.push(relative);
            }
        }
        if !out.listed.is_empty() {
            out.fetch = Some(std::sync::Arc::new(Blobs {
                git_dir: self.repo.git_dir().to_owned(),
                options: self.repo.open_options().clone(),
                snapshot: snapshot.describe(),
                program: program.to_owned(),
            }));
        }
        Ok(out)
    }
}

/// Reads the blob `id` of the file at repository-relative `path` (`relative` to the program
/// folder) into `out`: decoded, undecodable, or refused when larger than
/// [`super::MAX_FILE_BYTES`] (the size comes from the object's header, so a huge blob is not
/// inflated).
fn read_blob(
    repo: &gix::Repository,
    from: &str,
    path: &str,
    relative: String,
    id: ObjectId,
    out: &mut ReadFiles,
) -> Result<(), GitError> {
    let describe = || format!("cannot read `{path}` from {from}");
    let bytes = repo.find_header(id).map_err(git(describe))?.size();
    if bytes > super::MAX_FILE_BYTES {
        out.refused.push(super::Refused {
            path: relative,
            reason: super::RefusedReason::TooLarge { bytes },
        });
        return Ok(());
    }
    let mut blob = repo.find_blob(id).map_err(git(describe))?;
    super::fs::push_decoded(out, relative, blob.take_data());
    Ok(())
}

/// Reads the blobs a git snapshot listed ([`super::Fetch`]), on every core.
struct Blobs {
    /// Where to open the repository again, on each thread (a `gix::Repository` stays on the
    /// thread that opened it).
    git_dir: PathBuf,
    /// How it was opened.
    options: gix::open::Options,
    /// The snapshot they were listed from, for messages.
    snapshot: String,
    /// The program's repository-relative folder.
    program: String,
}

impl std::fmt::Debug for Blobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blobs")
            .field("snapshot", &self.snapshot)
            .field("program", &self.program)
            .finish()
    }
}

impl super::Fetch for Blobs {
    fn fetch(&self, files: &[super::Listed]) -> Result<ReadFiles, String> {
        // A few chunks per thread: each task opens its own handle on the repository.
        let size = files.len().div_ceil(4 * crate::parallel::threads()).max(64);
        let chunks: Vec<&[super::Listed]> = files.chunks(size).collect();
        let parts = crate::parallel::map(&chunks, |chunk| {
            let repo = gix::open_opts(&self.git_dir, self.options.clone())
                .map_err(|e| format!("cannot open the git repository again: {e}"))?;
            let mut out = ReadFiles::default();
            for file in *chunk {
                let path = if self.program.is_empty() {
                    file.path.clone()
                } else {
                    format!("{}/{}", self.program, file.path)
                };
                let id = ObjectId::from(file.id.0);
                read_blob(
                    &repo,
                    &self.snapshot,
                    &path,
                    file.path.clone(),
                    id,
                    &mut out,
                )
                .map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(out)
        });
        let mut out = ReadFiles::default();
        for part in parts {
            out.absorb(part?);
        }
        Ok(out)
    }
}

/// Regular files (repository-relative path, blob id) and symbolic links (repository-relative
/// path) of a snapshot, each in path order.
type Entries = (Vec<(String, ObjectId)>, Vec<String>);

/// Reads the program in the repository-relative folder `program` (`""` for the repository
/// root) as staged in the index: partially staged files in their staged form, files deleted in
/// the index absent, renamed files under their new name. Paths are relative to the program
/// folder.
///
/// # Errors
/// [`GitError`] when the index cannot be read or has unresolved conflicts in the program.
pub fn read_staged(repo: &Repo, program: &str) -> Result<ReadFiles, GitError> {
    repo.read(Snapshot::Staged, program, None, false, |_, _| true)
}

/// Reads the program in the repository-relative folder `program` as of commit `rev`. Paths are
/// relative to the program folder.
///
/// # Errors
/// [`GitError::BadRevision`] when `rev` names no commit; [`GitError::Git`] when a tree or blob
/// cannot be read.
pub fn read_revision(repo: &Repo, rev: &str, program: &str) -> Result<ReadFiles, GitError> {
    repo.read(Snapshot::Revision(rev), program, None, false, |_, _| true)
}

/// Reads the program from `snapshot` (see [`read_staged`] and [`read_revision`]).
///
/// # Errors
/// As [`read_staged`] and [`read_revision`].
pub fn read(repo: &Repo, snapshot: Snapshot<'_>, program: &str) -> Result<ReadFiles, GitError> {
    repo.read(snapshot, program, None, false, |_, _| true)
}

/// [`read`], except that record files other than `program.md` are only listed with their blob
/// ids ([`ReadFiles::listed`], read on demand through [`ReadFiles::fetch`]): git names every
/// file's content id without inflating it, so a check with a cache of per-file results reads
/// only the files that changed.
///
/// # Errors
/// As [`read`].
pub fn list(repo: &Repo, snapshot: Snapshot<'_>, program: &str) -> Result<ReadFiles, GitError> {
    repo.read(snapshot, program, None, true, |_, _| true)
}

/// The meeting logs of a previous commit, for the append-only check.
#[derive(Debug, Default)]
pub struct MeetingLogs {
    /// Logs that are not byte-for-byte the same at the same path now, read.
    pub changed: ReadFiles,
    /// Paths (relative to the program folder) of logs that are the same now, not read: the
    /// caller already has them.
    pub unchanged: Vec<String>,
}

/// Reads the meeting logs of the program in folder `folder` as of commit `rev`. Logs listed in
/// `current` (the program now, from [`list`]) with the same blob id at the same program-relative
/// path are only named, so a large program pays only for the logs that changed; any other log is
/// read.
///
/// # Errors
/// As [`read_revision`].
pub fn read_meeting_logs(
    repo: &Repo,
    rev: &str,
    folder: &str,
    current: &ReadFiles,
) -> Result<MeetingLogs, GitError> {
    let is_log = |path: &str| layout::classify(path) == Place::Record(RecordKind::MeetingLog);
    let now: HashMap<&str, ObjectId> = current
        .listed
        .iter()
        .filter(|file| is_log(&file.path))
        .map(|file| (file.path.as_str(), ObjectId::from(file.id.0)))
        .collect();
    let mut unchanged = Vec::new();
    // Only the meeting logs' folder is walked: the rest of a large program's tree is not read.
    let logs = RecordKind::MeetingLog.spec().location.folder();
    let changed = repo.read(Snapshot::Revision(rev), folder, logs, false, |path, id| {
        if !is_log(path) {
            return false;
        }
        if now.get(path) == Some(id) {
            unchanged.push(path.to_owned());
            return false;
        }
        true
    })?;
    Ok(MeetingLogs { changed, unchanged })
}

/// The program's folder in commit `rev`: `program` when it holds a `program.md` there, else the
/// folder of the only `program.md` in that commit (the program was moved since), else `None`.
///
/// # Errors
/// [`GitError::BadRevision`] when `rev` names no commit; [`GitError::Git`] when its tree cannot
/// be read.
pub fn program_at(repo: &Repo, rev: &str, program: &str) -> Result<Option<String>, GitError> {
    let file = if program.is_empty() {
        PROGRAM_FILE.to_owned()
    } else {
        format!("{program}/{PROGRAM_FILE}")
    };
    let found = repo
        .commit(rev)?
        .tree()
        .and_then(|tree| tree.lookup_entry_by_path(&file))
        .map_err(git(|| format!("cannot read the tree of `{rev}`")))?;
    if found.is_some() {
        return Ok(Some(program.to_owned()));
    }
    Ok(search_program(repo, Snapshot::Revision(rev)).ok())
}

/// Finds the program folder, relative to the repository root with `/` separators (`""` when
/// the program is the repository root).
///
/// 1. `given` (relative to `cwd`), when set; it must be inside the work tree.
/// 2. Else the nearest folder from `cwd` upwards (up to the work tree root) that holds a
///    `program.md`, in `snapshot` or on disk.
/// 3. Else the folder of the only `program.md` in `snapshot`.
///
/// In a bare repository `given` is taken relative to the repository root.
///
/// # Errors
/// [`GitError::OutsideWorkTree`], [`GitError::NoProgram`] or [`GitError::SeveralPrograms`].
pub fn find_program(
    repo: &Repo,
    snapshot: Snapshot<'_>,
    given: Option<&Path>,
    cwd: &Path,
) -> Result<String, GitError> {
    let Some(workdir) = repo.workdir() else {
        return match given {
            Some(dir) => Ok(slash_path(&normalize(dir))),
            None => search_program(repo, snapshot),
        };
    };
    let workdir = canonical(workdir);
    if let Some(dir) = given {
        let absolute = canonical(&cwd.join(dir));
        return relative_to(&absolute, &workdir)
            .map(|p| slash_path(&p))
            .ok_or_else(|| GitError::OutsideWorkTree {
                path: dir.display().to_string(),
                workdir: workdir.display().to_string(),
            });
    }
    if let Some(start) = relative_to(&canonical(cwd), &workdir) {
        let tracked: BTreeSet<String> = repo
            .files(snapshot, "")?
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| is_program_file(path))
            .collect();
        let mut folder = Some(start.as_path());
        while let Some(dir) = folder {
            let rel = slash_path(dir);
            let file = if rel.is_empty() {
                PROGRAM_FILE.to_owned()
            } else {
                format!("{rel}/{PROGRAM_FILE}")
            };
            if tracked.contains(&file) || workdir.join(dir).join(PROGRAM_FILE).is_file() {
                return Ok(rel);
            }
            folder = dir.parent();
        }
    }
    search_program(repo, snapshot)
}

fn search_program(repo: &Repo, snapshot: Snapshot<'_>) -> Result<String, GitError> {
    let folders: Vec<String> = repo
        .files(snapshot, "")?
        .into_iter()
        .filter(|(path, _)| is_program_file(path))
        .map(|(path, _)| {
            path.strip_suffix(PROGRAM_FILE)
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned()
        })
        .collect();
    match folders.as_slice() {
        [] => Err(GitError::NoProgram {
            snapshot: snapshot.describe(),
        }),
        [one] => Ok(one.clone()),
        _ => Err(GitError::SeveralPrograms {
            snapshot: snapshot.describe(),
            folders: folders
                .iter()
                .take(5)
                .map(|f| {
                    if f.is_empty() {
                        ".".to_owned()
                    } else {
                        f.clone()
                    }
                })
                .collect(),
        }),
    }
}

/// A `program.md`, not inside a hidden folder.
fn is_program_file(path: &str) -> bool {
    let mut parts = path.split('/').rev();
    parts.next() == Some(PROGRAM_FILE) && parts.all(|p| !p.starts_with('.'))
}

fn is_under(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn strip_folder<'a>(path: &'a str, folder: &str) -> &'a str {
    if folder.is_empty() {
        path
    } else {
        path.get(folder.len() + 1..).unwrap_or(path)
    }
}

/// The path with `/` separators and no `.` components.
fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The canonical path when it exists (symlinks resolved), else a lexically normalised one.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
}

fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    path.strip_prefix(base).ok().map(Path::to_path_buf)
}

/// Which commit a report or status was made from, and whether the records had uncommitted
/// changes. Plain data for reports and `status --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Abbreviated id of the `HEAD` commit; `None` before the first commit.
    pub commit: Option<String>,
    /// Whether the program's records in the work tree differ from `HEAD`: a record file changed,
    /// added (even if untracked) or deleted. Files that are not records (README, templates,
    /// rendered reports) do not count.
    pub dirty: bool,
}

/// The [`Provenance`] of the program in folder `dir`; `None` when `dir` is not in a git work
/// tree or the repository cannot be read.
pub fn provenance(dir: &Path) -> Option<Provenance> {
    let repo = Repo::discover(dir).ok()?;
    let workdir = canonical(repo.workdir()?);
    let program = slash_path(&relative_to(&canonical(dir), &workdir)?);
    let head = repo.head().ok()?;
    let work = super::fs::read_program(dir).ok()?;
    let committed = match &head {
        Some(commit) => read_revision(&repo, &commit.id, &program).ok()?,
        None => ReadFiles::default(),
    };
    Some(Provenance {
        commit: head.map(|c| c.short),
        dirty: !same_records(work, committed),
    })
}

/// Whether two reads hold the same record files with the same text (line endings aside, so a
/// `core.autocrlf` checkout is not dirty).
fn same_records(a: ReadFiles, b: ReadFiles) -> bool {
    fn key(files: ReadFiles) -> (Vec<(String, String)>, Vec<String>) {
        let mut texts: Vec<(String, String)> = files
            .files
            .into_iter()
            .map(|f| {
                let text = if f.text.contains('\r') {
                    f.text.replace("\r\n", "\n")
                } else {
                    f.text
                };
                (f.path, text)
            })
            .collect();
        texts.sort();
        let mut bad: Vec<String> = files.undecodable.into_iter().map(|u| u.path).collect();
        bad.sort();
        (texts, bad)
    }
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("program.md", true)]
    #[test_case("programs/a/program.md", true)]
    #[test_case("programs/.old/program.md", false; "hidden folder")]
    #[test_case("people/program.md.bak", false)]
    #[test_case("my-program.md", false)]
    fn recognises_program_files(path: &str, expected: bool) {
        assert_eq!(is_program_file(path), expected);
    }

    #[test_case("people/a.md", "", true)]
    #[test_case("prog/people/a.md", "prog", true)]
    #[test_case("program/people/a.md", "prog", false; "prefix of a folder name")]
    #[test_case("prog", "prog", false; "the folder itself")]
    fn tells_whether_a_path_is_under_a_folder(path: &str, folder: &str, expected: bool) {
        assert_eq!(is_under(path, folder), expected);
    }

    #[test]
    fn strips_the_program_folder() {
        assert_eq!(strip_folder("prog/people/a.md", "prog"), "people/a.md");
        assert_eq!(strip_folder("people/a.md", ""), "people/a.md");
    }

    #[test]
    fn normalises_paths_lexically() {
        assert_eq!(
            slash_path(&normalize(Path::new("./a/../b/./c"))),
            "b/c".to_owned()
        );
    }

    #[test]
    fn ignores_line_endings_when_comparing_records() {
        let read = |text: &str| ReadFiles {
            files: vec![crate::source::SourceFile::new("people/a.md", text)],
            ..ReadFiles::default()
        };
        assert!(same_records(read("---\na\n"), read("---\r\na\r\n")));
        assert!(!same_records(read("---\na\n"), read("---\nb\n")));
        assert!(!same_records(read("---\na\n"), ReadFiles::default()));
    }
}
