//! Finding the program folder and the as-of date when the user gives none.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// The folder given, else `.` if it holds `program.md`, else `example-program`.
pub(crate) fn resolve(given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None if Path::new("program.md").is_file() => PathBuf::from("."),
        None => PathBuf::from("example-program"),
    }
}

/// The date given, else today in the local time zone.
pub(crate) fn as_of(given: Option<Date>) -> Date {
    given.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}
