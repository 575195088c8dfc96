//! The common end of every command that writes a record: check the change against the program
//! as it would be, refuse (exit 1, nothing written) when it adds an error, else write the one
//! file atomically and print its path; `--dry-run` prints the diff instead.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use jiff::civil::Date;
use mentor_records::app::{self, CheckOptions};
use mentor_records::diag;
use mentor_records::edit::{self, Change, write::write_atomic};
use mentor_records::read::{self, ReadFiles};
use mentor_records::source::SourceFile;

use crate::args::WriteArgs;
use crate::program_dir;

/// The program folder, its files and the as-of date of a writing command.
pub(crate) struct Program {
    /// The program folder.
    pub root: std::path::PathBuf,
    /// The files as read now.
    pub files: ReadFiles,
    /// The date the change is checked as of.
    pub as_of: Date,
}

/// Resolves and reads the program folder of a writing command.
pub(crate) fn open(args: &WriteArgs) -> anyhow::Result<Program> {
    let root = program_dir::resolve(args.program_dir.as_deref())?;
    if !root.join("program.md").is_file() {
        bail!(
            "`{}` has no `program.md`: commands that write records need a program\n  help: start one with `mentor init`",
            root.display()
        );
    }
    let files = read::fs::read_program(&root)?;
    Ok(Program {
        root,
        files,
        as_of: program_dir::as_of(args.as_of)?,
    })
}

/// The model of `files` alone as of `as_of` (records with errors left out): what a writing
/// command reads from the record it changes, or (no files) the built-in instruments.
///
/// # Errors
/// Only when a built-in schema or instrument is broken.
pub(crate) fn model(
    files: Vec<SourceFile>,
    as_of: Date,
) -> anyhow::Result<mentor_records::model::Program> {
    let read = ReadFiles {
        files,
        ..Default::default()
    };
    let checked = app::check(read, as_of, CheckOptions::default()).context(crate::BROKEN)?;
    Ok(checked.program)
}

/// The current text of `relative` (with `/` separators) in `root`, a BOM included; `None` when
/// the file does not exist.
pub(crate) fn current_text(root: &Path, relative: &str) -> anyhow::Result<Option<String>> {
    let path = relative
        .split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part));
    match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .with_context(|| format!("`{}` is not UTF-8 text; fix it by hand", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    }
}

/// Checks `change` and writes it (or prints its diff with `dry_run`). Exit 1 and nothing written
/// when it adds an error; the new errors are printed with the text renderer.
pub(crate) fn commit(
    program: Program,
    change: Change,
    dry_run: bool,
    refuse: &[mentor_records::diag::Code],
) -> anyhow::Result<ExitCode> {
    if change.before.as_deref() == Some(change.after.as_str()) {
        crate::print(&format!("{} is unchanged\n", change.path))?;
        return Ok(ExitCode::SUCCESS);
    }
    let verdict = edit::check_change(program.files, &change, program.as_of, refuse)
        .context("internal error: a built-in schema or instrument is broken")?;
    if !verdict.new_errors.is_empty() {
        let text = diag::text::render(
            &verdict.new_errors,
            &verdict.summary(),
            &verdict.after.sources,
            false,
        );
        eprint!("{text}");
        eprintln!(
            "error: nothing written: this change to `{}` would add {} problem{}",
            change.path,
            verdict.new_errors.len(),
            if verdict.new_errors.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        return Ok(ExitCode::from(1));
    }
    if dry_run {
        crate::print(&change.diff())?;
        return Ok(ExitCode::SUCCESS);
    }
    let written = write_atomic(
        &program.root,
        &change.path,
        &change.after,
        change.before.is_none(),
    )?;
    crate::print(&format!("wrote {}\n", written.display()))?;
    Ok(ExitCode::SUCCESS)
}
