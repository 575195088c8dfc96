//! Finding the program folder and the as-of date when the user gives none: the arguments every
//! command that reads a program takes, resolved once ([`ProgramArgs::resolve`]) before the
//! command runs, the way ripgrep turns its parsed flags into `HiArgs` once.

use std::path::{Path, PathBuf};

use anyhow::bail;
use jiff::civil::Date;
use mentor_records::app::CacheFile;

use crate::args::ProgramArgs;

/// A program folder that exists and looks like a program, and the date to work as of.
#[derive(Debug, Clone)]
pub(crate) struct Program {
    /// The program folder, as given (relative to the current folder) or `.`.
    pub dir: PathBuf,
    /// The as-of date: the one given, else today.
    pub as_of: Date,
}

impl Program {
    /// Resolves a program folder ([`resolve`]) and then an as-of date ([`as_of`]).
    ///
    /// # Errors
    /// When the folder is not a program folder, or today's date cannot be told.
    pub(crate) fn resolve(dir: Option<&Path>, as_of: Option<Date>) -> anyhow::Result<Self> {
        let dir = resolve(dir)?;
        let as_of = self::as_of(as_of)?;
        Ok(Program { dir, as_of })
    }

    /// The program's files, read from the work tree.
    ///
    /// # Errors
    /// When the folder or a file in it cannot be read.
    pub(crate) fn read(&self) -> anyhow::Result<mentor_records::read::ReadFiles> {
        Ok(mentor_records::read::fs::read_program(&self.dir)?)
    }

    /// The program's files, read from the work tree, and the cache of per-file results that
    /// `mentor check` keeps for this folder ([`crate::cache::location`]; none when `use_cache`
    /// is false). The cache file is read on another core while the files are read.
    ///
    /// # Errors
    /// When the folder or a file in it cannot be read; a cache that cannot be read is not an
    /// error (the check ignores it).
    pub(crate) fn read_cached(
        &self,
        use_cache: bool,
    ) -> anyhow::Result<(mentor_records::read::ReadFiles, CacheFile)> {
        let path = if use_cache {
            crate::cache::location(&self.dir, None)
        } else {
            None
        };
        let (files, read) = std::thread::scope(|scope| {
            let reading = path
                .as_deref()
                .map(|path| scope.spawn(move || mentor_records::cache::read(path)));
            let files = mentor_records::read::fs::read_program(&self.dir);
            // A reader that panicked is as good as none: the check reads the file itself.
            (files, reading.and_then(|reading| reading.join().ok()))
        });
        let files = files?;
        // Records come from the cache: keep freed memory for mimalloc's usual delay.
        if matches!(read, Some(Ok(_))) {
            crate::alloc::quick();
        }
        Ok((files, CacheFile { path, read }))
    }
}

impl ProgramArgs {
    /// The program folder and as-of date these arguments name.
    ///
    /// # Errors
    /// See [`Program::resolve`].
    pub(crate) fn resolve(&self) -> anyhow::Result<Program> {
        Program::resolve(self.program_dir.as_deref(), self.as_of)
    }
}

/// Folders whose presence makes a folder without `program.md` still a program (one missing its
/// `program.md`, which `check` reports as M218).
const RECORD_FOLDERS: [&str; 8] = [
    "people",
    "agreements",
    "meetings",
    "groups",
    "community",
    "assessments",
    "summaries",
    "applications",
];

/// The program folder: the folder given, else the current folder. A folder that does not
/// exist, is not a folder, or holds neither `program.md` nor any record folder is refused with
/// an error naming the folder tried, why, and suggesting `mentor init`.
///
/// # Errors
/// When the folder is not a program folder.
pub(crate) fn resolve(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let dir = given.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let shown = match given {
        Some(d) => format!("`{}`", d.display()),
        None => match std::env::current_dir() {
            Ok(cwd) => format!("the current folder (`{}`)", cwd.display()),
            Err(_) => "the current folder".to_owned(),
        },
    };
    let init = match given {
        Some(d) => format!("mentor init {}", d.display()),
        None => "mentor init".to_owned(),
    };
    match std::fs::metadata(&dir) {
        Err(e) => bail!(
            "{shown} is not a program folder: {e}\n  help: to start a program there, run `{init}`"
        ),
        Ok(m) if !m.is_dir() => bail!(
            "{shown} is not a program folder: it is a file\n  help: give the folder that holds `program.md`"
        ),
        Ok(_) => {}
    }
    let has_program = dir.join("program.md").exists();
    let has_records = RECORD_FOLDERS.iter().any(|f| dir.join(f).is_dir());
    if !has_program && !has_records {
        bail!(
            "{shown} is not a program folder: it has no `program.md` and no record folders\n  \
             help: give the program folder (`mentor <command> DIR`), or start a program with `{init}`"
        );
    }
    Ok(dir)
}

/// The date given, else today in the local time zone: the zone `TZ` names (`Pacific/Kiritimati`,
/// `:America/Adak`, a POSIX rule like `EST5EDT,M3.2.0,M11.1.0`, or a path to a TZif file), else
/// `/etc/localtime`, else UTC when the system has no local zone at all (as the C library does).
///
/// # Errors
/// When `TZ` is set to a zone that cannot be found: the date would be a guess, and a day off
/// changes which meetings are in the future (the pre-commit hook would reject today's meeting).
pub(crate) fn as_of(given: Option<Date>) -> anyhow::Result<Date> {
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
