//! Finding the program folder and the as-of date when the user gives none.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// The folder given, else `.` if it holds `program.md`, else `example-program`.
pub fn resolve(given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None if Path::new("program.md").is_file() => PathBuf::from("."),
        None => PathBuf::from("example-program"),
    }
}

/// The date given, else today in the local time zone: the zone `TZ` names (`Pacific/Kiritimati`,
/// `:America/Adak`, a POSIX rule like `EST5EDT,M3.2.0,M11.1.0`, or a path to a TZif file), else
/// `/etc/localtime`, else UTC when the system has no local zone at all (as the C library does).
///
/// # Errors
/// When `TZ` is set to a zone that cannot be found: the date would be a guess, and a day off
/// changes which meetings are in the future (the pre-commit hook would reject today's meeting).
pub fn as_of(given: Option<Date>) -> anyhow::Result<Date> {
    if let Some(date) = given {
        return Ok(date);
    }
    let zone = match jiff::tz::TimeZone::try_system() {
        Ok(zone) => zone,
        Err(error) if std::env::var_os("TZ").is_some() => anyhow::bail!(
            "cannot tell today's date: the time zone `TZ={}` is not known ({error}); \
             set TZ to a zone name like `Europe/Berlin`, or pass --as-of YYYY-MM-DD",
            mentor_records::text::printable(
                &std::env::var_os("TZ").unwrap_or_default().to_string_lossy()
            )
        ),
        Err(_) => jiff::tz::TimeZone::UTC,
    };
    Ok(zone.to_datetime(jiff::Timestamp::now()).date())
}
