//! Writing one record atomically: a temporary file in the same folder, then a rename over the
//! target, so a reader sees the old file or the new one and never half of it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is a symbolic link; mentor never writes through one.
    #[error("`{0}` is a symbolic link; mentor does not write through links")]
    Symlink(PathBuf),
    /// A new file was to be created but one appeared at the path.
    #[error("`{0}` already exists")]
    Exists(PathBuf),
    /// The OS refused.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The target.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

/// Writes `text` to `root/relative` (a `/`-separated path): creates missing folders, writes a
/// temporary file next to the target and renames it over the target. With `create_new`, an
/// existing target is an error ([`WriteError::Exists`]) instead of being replaced. Returns the
/// path written.
///
/// # Errors
/// [`WriteError::Symlink`] when the target (or its folder) is a symbolic link; I/O errors.
pub fn write_atomic(
    root: &Path,
    relative: &str,
    text: &str,
    create_new: bool,
) -> Result<PathBuf, WriteError> {
    let target = relative
        .split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part));
    let io = |source| WriteError::Io {
        path: target.clone(),
        source,
    };
    let folder = target.parent().unwrap_or(root).to_path_buf();
    // Never write through a link: neither the file nor a folder on the way from `root`.
    let mut step = root.to_path_buf();
    for part in relative.split('/') {
        step.push(part);
        if std::fs::symlink_metadata(&step).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(WriteError::Symlink(step));
        }
    }
    std::fs::create_dir_all(&folder).map_err(io)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".mentor-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(io)?;
    temp.write_all(text.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    if create_new {
        temp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(target.clone())
            } else {
                io(e.error)
            }
        })?;
    } else {
        temp.persist(&target).map_err(|e| io(e.error))?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_creates_but_never_follows_a_link() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let written = write_atomic(dir.path(), "meetings/x.md", "one", true)?;
        assert_eq!(std::fs::read_to_string(&written)?, "one");
        assert!(matches!(
            write_atomic(dir.path(), "meetings/x.md", "two", true),
            Err(WriteError::Exists(_))
        ));
        write_atomic(dir.path(), "meetings/x.md", "two", false)?;
        assert_eq!(std::fs::read_to_string(&written)?, "two");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&written, dir.path().join("meetings/link.md"))?;
            assert!(matches!(
                write_atomic(dir.path(), "meetings/link.md", "three", false),
                Err(WriteError::Symlink(_))
            ));
            assert_eq!(std::fs::read_to_string(&written)?, "two");
        }
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("meetings"))?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")));
        Ok(())
    }
}
