//! Reading a program's files: from the working tree ([`fs`]) or from git, staged or at a commit
//! ([`git`]). This is the only place that touches the file system or git for records.

pub mod fs;
pub mod git;

use std::sync::Arc;

use crate::source::{ContentId, SourceFile, Undecodable};

/// Files read from a program folder.
#[derive(Debug, Default)]
pub struct ReadFiles {
    /// Files decoded as UTF-8.
    pub files: Vec<SourceFile>,
    /// Files that are not UTF-8.
    pub undecodable: Vec<Undecodable>,
    /// Symbolic links where records might be (to files or folders, dangling or looping), which
    /// are not followed: relative paths with `/` separators, in walk order.
    pub symlinks: Vec<String>,
    /// Files where records may be that were not read: too large, or not regular files. In walk
    /// order.
    pub refused: Vec<Refused>,
    /// Record files listed with their content id but not read: a git snapshot names every
    /// file's blob id without inflating it, so files whose results are cached need not be read
    /// at all. Read them with `fetch` when needed. In path order.
    pub listed: Vec<Listed>,
    /// Reads listed files on demand; `Some` whenever `listed` is not empty.
    pub fetch: Option<Arc<dyn Fetch>>,
    /// Reads files again by path. When it is given, a check keeps the text only of files with
    /// a diagnostic of their own and reads the others again if a later diagnostic (a rule's)
    /// names them, so the texts of a large program are not all held to the end.
    pub reread: Option<Arc<dyn Reread>>,
}

/// Reads files of a program again, as they are now.
pub trait Reread: std::fmt::Debug + Send + Sync {
    /// The files at `paths` (relative to the program folder, `/` separators) as they are now;
    /// a file that cannot be read any more, or is no longer a regular UTF-8 file of at most
    /// [`MAX_FILE_BYTES`], is left out.
    fn reread(&self, paths: &[&str]) -> Vec<SourceFile>;
}

/// A file a reader listed but did not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Path relative to the program folder, with `/` separators.
    pub path: String,
    /// Its content id (git blob id).
    pub id: ContentId,
}

/// Reads files a reader listed ([`ReadFiles::listed`]), as that reader would have read them.
pub trait Fetch: std::fmt::Debug + Send + Sync {
    /// Reads `files`: each comes back decoded in `files`, undecodable, or refused (too large),
    /// in the order given.
    ///
    /// # Errors
    /// A message naming the file that could not be read (the snapshot went away).
    fn fetch(&self, files: &[Listed]) -> Result<ReadFiles, String>;
}

impl ReadFiles {
    /// These files with every listed file read through [`ReadFiles::fetch`], so that nothing is
    /// listed any more.
    ///
    /// # Errors
    /// As [`Fetch::fetch`].
    pub fn read_listed(mut self) -> Result<ReadFiles, String> {
        let listed = std::mem::take(&mut self.listed);
        if let (false, Some(fetch)) = (listed.is_empty(), self.fetch.as_ref()) {
            let fetched = fetch.fetch(&listed)?;
            self.absorb(fetched);
        }
        Ok(self)
    }

    /// Adds the files, undecodable files and refused files of `other`.
    pub fn absorb(&mut self, other: ReadFiles) {
        self.files.extend(other.files);
        self.undecodable.extend(other.undecodable);
        self.refused.extend(other.refused);
        self.symlinks.extend(other.symlinks);
    }
}

/// The most bytes a file where a record may be can have (4 MiB). Checked from the file's size
/// before it is opened, and again while reading (a file that grows stops at the limit).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A file that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Path relative to the program folder, with `/` separators.
    pub path: String,
    /// Why it was not read.
    pub reason: RefusedReason,
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusedReason {
    /// Larger than [`MAX_FILE_BYTES`]: at least `bytes` bytes.
    TooLarge {
        /// The size seen (from metadata, or how far reading got).
        bytes: u64,
    },
    /// Not a regular file: `what` names it (`a folder`, `a named pipe`, `a socket`, `a device`).
    NotAFile {
        /// What it is, as a noun phrase.
        what: &'static str,
    },
}

/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes from `reader`: `Ok(Err(n))` when there were more
/// than the limit (`n` bytes read), so a file that grew after its size was checked, or a special
/// file that reports no size, cannot exhaust memory. `expected_len` is the size the file's
/// metadata gave (bytes; 0 if unknown): the buffer starts one byte larger, so a file that did
/// not change is read with one `read` call for its bytes and one that finds the end, instead of
/// the standard library's probing reads into a growing buffer.
///
/// # Errors
/// The reader's I/O error.
pub fn read_capped(
    reader: impl std::io::Read,
    expected_len: u64,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read as _;
    let capacity = usize::try_from(expected_len.min(MAX_FILE_BYTES)).unwrap_or(0) + 1;
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    let n = bytes.len() as u64;
    Ok(if n > MAX_FILE_BYTES {
        Err(n)
    } else {
        Ok(bytes)
    })
}

/// Why a program could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The folder does not exist or is not a folder.
    #[error("`{path}` is not a program folder: {reason}")]
    NotAFolder {
        /// The folder as given.
        path: String,
        /// What the OS said.
        reason: String,
    },
    /// A file or folder could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}
