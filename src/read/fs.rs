//! Reading every file of a program folder from disk (walkdir), decoding UTF-8 and dropping BOMs.

use std::path::Path;

use walkdir::WalkDir;

use super::{MAX_FILE_BYTES, ReadError, ReadFiles, Refused, RefusedReason, read_capped};
use crate::layout::{self, Place};
use crate::source::SourceFile;
use crate::source::Undecodable;

/// Reads the files of the program at `root` that might be records (hidden folders, `templates/`
/// and `report/` are skipped without being opened). Paths are relative with `/` separators.
/// Symbolic links are not followed: a link where a record or a record folder might be is listed
/// in [`ReadFiles::symlinks`] instead, so that it can be reported rather than silently skipped.
///
/// # Errors
/// [`ReadError`] when `root` is not a readable folder or a file cannot be read.
pub fn read_program(root: &Path) -> Result<ReadFiles, ReadError> {
    let meta = std::fs::metadata(root).map_err(|e| ReadError::NotAFolder {
        path: root.display().to_string(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(ReadError::NotAFolder {
            path: root.display().to_string(),
            reason: "it is a file".to_owned(),
        });
    }
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || {
                let name = e.file_name().to_string_lossy();
                let is_output_or_templates = e.depth() == 1
                    && e.file_type().is_dir()
                    && layout::NON_RECORD_FOLDERS.contains(&name.as_ref());
                !name.starts_with('.') && !is_output_or_templates
            }
        });
    // Opening and reading thousands of small files is mostly system calls: the walk hands each
    // entry to whichever core is free, so reading overlaps walking. Entries stay in walk order,
    // and the first unreadable one (in that order) is reported.
    let found = crate::parallel::map_iter(walker, |entry| match entry {
        Ok(entry) => found(root, &entry),
        Err(e) => Found::Error(ReadError::Io {
            path: e
                .path()
                .map_or_else(|| root.display().to_string(), |p| p.display().to_string()),
            source: e.into(),
        }),
    });
    let mut out = ReadFiles {
        reread: Some(std::sync::Arc::new(Folder {
            root: root.to_owned(),
        })),
        ..ReadFiles::default()
    };
    for found in found {
        match found {
            Found::Skipped => {}
            Found::Error(error) => return Err(error),
            Found::Symlink(path) => out.symlinks.push(path),
            Found::Refused(refused) => out.refused.push(refused),
            Found::Text(path, text) => out.files.push(SourceFile::new(path, text)),
            Found::Undecodable(path, bytes) => push_decoded(&mut out, path, bytes),
        }
    }
    Ok(out)
}

/// Reads a program's files again from its folder ([`super::Reread`]).
#[derive(Debug)]
struct Folder {
    root: std::path::PathBuf,
}

impl super::Reread for Folder {
    fn reread(&self, paths: &[&str]) -> Vec<SourceFile> {
        let read = crate::parallel::map(paths, |relative| {
            let path = self.root.join(relative);
            // Never through a link, as in the walk.
            let meta = std::fs::symlink_metadata(&path).ok()?;
            if !meta.is_file() {
                return None;
            }
            let file = std::fs::File::open(&path).ok()?;
            let bytes = file.metadata().ok()?.len();
            let bytes = read_capped(file, bytes).ok()?.ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some(SourceFile::new(*relative, text))
        });
        read.into_iter().flatten().collect()
    }
}

/// What one entry of the walk holds.
enum Found {
    /// Not a record's place (the root, an ignored file, a folder that holds records).
    Skipped,
    /// A file or folder that could not be read: the walk stops.
    Error(ReadError),
    /// A symbolic link where a record might be.
    Symlink(String),
    /// A file refused unread (too large, not a regular file).
    Refused(Refused),
    /// A file's text, BOM and all.
    Text(String, String),
    /// A file whose bytes are not UTF-8.
    Undecodable(String, Vec<u8>),
}

/// Classifies one walk entry and reads it if it may be a record.
fn found(root: &Path, entry: &walkdir::DirEntry) -> Found {
    let is_link = entry.path_is_symlink() && entry.depth() > 0;
    let path = entry.path().strip_prefix(root).unwrap_or(entry.path());
    let relative = match path.to_str() {
        Some(text) if std::path::MAIN_SEPARATOR == '/' => text.to_owned(),
        _ => path
            .components()
            .map(|c| escaped_name(c.as_os_str()))
            .collect::<Vec<_>>()
            .join("/"),
    };
    if is_link {
        let points_at_a_file = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
        return if is_reported_link(&relative, points_at_a_file) {
            Found::Symlink(relative)
        } else {
            Found::Skipped
        };
    }
    let file_type = entry.file_type();
    if !file_type.is_file() {
        // A folder or a named pipe where a record belongs is said, not skipped; a pipe is
        // never opened (reading it would wait for a writer forever).
        let place = layout::classify(&relative);
        let is_reported = if file_type.is_dir() {
            matches!(place, Place::Record(_))
        } else {
            place != Place::Ignored
        };
        return if entry.depth() > 0 && is_reported {
            Found::Refused(Refused {
                path: relative,
                reason: RefusedReason::NotAFile {
                    what: kind_of(&file_type),
                },
            })
        } else {
            Found::Skipped
        };
    }
    if layout::classify(&relative) == Place::Ignored {
        return Found::Skipped;
    }
    // The size is checked on the open file before it is read: a huge or sparse file is not
    // read, and one that grows meanwhile is cut off by `read_capped`.
    let read = std::fs::File::open(entry.path()).and_then(|file| {
        let bytes = file.metadata()?.len();
        if bytes > MAX_FILE_BYTES {
            return Ok(Err(bytes));
        }
        read_capped(file, bytes)
    });
    match read {
        Ok(Ok(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => Found::Text(relative, text),
            Err(e) => Found::Undecodable(relative, e.into_bytes()),
        },
        Ok(Err(bytes)) => Found::Refused(Refused {
            path: relative,
            reason: RefusedReason::TooLarge { bytes },
        }),
        Err(source) => Found::Error(ReadError::Io {
            path: entry.path().display().to_string(),
            source,
        }),
    }
}

/// A file name as text: UTF-8 as it is, each byte that is not UTF-8 as `\xNN`, so two names
/// that differ only in such bytes (`bad\xff.md`, `bad\xfe.md`) stay two names in the output.
fn escaped_name(name: &std::ffi::OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// What a file that is not a regular file is, for M224.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "something other than a regular file"
    }
}

/// Whether a symbolic link at `relative` hides something mentor would otherwise check: anything
/// where a record or a record folder may be. A link at a path that is ignored anyway (a
/// top-level `README.md` or `LICENSE`, `templates`, `report`) is not worth a warning, unless it
/// is a top-level link to a folder (or to nothing readable), which may be a record folder.
pub(crate) fn is_reported_link(relative: &str, points_at_a_file: bool) -> bool {
    if layout::classify(relative) != Place::Ignored {
        return true;
    }
    let is_top_level = !relative.contains('/');
    is_top_level && !points_at_a_file && !layout::NON_RECORD_FOLDERS.contains(&relative)
}

/// Decodes `bytes` as UTF-8 into `out`, or records the file as undecodable.
pub fn push_decoded(out: &mut ReadFiles, path: String, bytes: Vec<u8>) {
    match String::from_utf8(bytes) {
        Ok(text) => out.files.push(SourceFile::new(path, text)),
        Err(e) => out.undecodable.push(Undecodable {
            valid_up_to: e.utf8_error().valid_up_to(),
            line: position_of(e.as_bytes(), e.utf8_error().valid_up_to()).0,
            column: position_of(e.as_bytes(), e.utf8_error().valid_up_to()).1,
            path,
        }),
    }
}

/// The 1-based line and column (in characters) of byte `offset`, whose prefix is valid UTF-8.
fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = std::str::from_utf8(&bytes[..offset.min(bytes.len())]).unwrap_or_default();
    let line = prefix.matches('\n').count() + 1;
    let column = prefix
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}
