//! Reading a program's files: from the working tree ([`fs`]) or from git, staged or at a commit
//! ([`git`]). This is the only place that touches the file system or git for records.

pub mod fs;
pub mod git;

use crate::source::SourceFile;
use crate::source::Undecodable;

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
