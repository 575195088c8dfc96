//! `mentor report`: render every report into a folder, atomically (temporary file, then rename).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::diag::{self, Severity};
use mentor_records::model::AcademicYear;
use mentor_records::report::{self, Format, Quarter, Request, Templates};

use crate::args::{ReportArgs, ReportFormat};
use crate::program_dir;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let dir = program_dir::resolve(args.program.program_dir.as_deref());
    let as_of = program_dir::as_of(args.program.as_of);
    let files = mentor_records::read::fs::read_program(&dir)?;
    let outcome = mentor_records::run_check(files, as_of)
        .context("internal error: a built-in schema or instrument is broken")?;
    let errors = outcome.summary.errors;
    let left_out = files_with_errors(&outcome.diagnostics);
    if errors > 0 {
        let errors = if errors == 1 {
            "1 error".to_owned()
        } else {
            format!("{errors} errors")
        };
        if !args.allow_errors {
            // A report handed to the division chief must not quietly leave a mentee out.
            let only_errors: Vec<_> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            let text = diag::text::render(&only_errors, &outcome.summary, &outcome.sources, false);
            eprint!("{text}");
            eprintln!(
                "error: no reports written: `mentor check` finds {errors} in these records; fix them, \
                 or pass --allow-errors to render the valid records only"
            );
            return Ok(ExitCode::from(1));
        }
        eprintln!(
            "warning: `mentor check` finds {errors} in these records; reports leave out the records \
             that could not be read, and their footer says how many files have errors"
        );
    }
    let program = &outcome.program;
    let year = match &args.year {
        Some(y) => y.parse::<AcademicYear>().map_err(anyhow::Error::msg)?,
        None => AcademicYear::containing(as_of, program.year_start()),
    };
    let quarter = match &args.quarter {
        Some(q) => q.parse::<Quarter>().map_err(anyhow::Error::msg)?,
        None => Quarter::containing(as_of, program),
    };
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| dir.join("templates"));
    let overrides = read_overrides(&templates_dir, args.templates.is_some())?;
    let templates = Templates::new(&overrides)?;
    let request = Request {
        as_of,
        year,
        quarter,
        format: match args.format {
            ReportFormat::Html => Format::Html,
            ReportFormat::Md => Format::Markdown,
        },
        record_set: record_set(
            outcome.summary.records,
            left_out,
            mentor_records::provenance(&dir),
        ),
    };
    // The check already evaluated the rules as of the same date: reuse it.
    let status = report::status_lines_of(&outcome.evaluation, year);
    let rendered = report::render_all(program, &request, &status, &templates)?;
    let out_dir = args.out.clone().unwrap_or_else(|| dir.join("report"));
    refuse_record_folders(&dir, &out_dir)?;
    let files: Vec<(PathBuf, &[u8])> = rendered
        .iter()
        .map(|r| (out_dir.join(&r.path), r.content.as_bytes()))
        .collect();
    write_all_or_nothing(&files)?;
    let mut listing = String::new();
    for (path, _) in &files {
        listing.push_str(&format!("wrote {}\n", path.display()));
    }
    listing.push_str(&format!("{} reports as of {as_of}\n", rendered.len()));
    crate::print(&listing)?;
    Ok(ExitCode::SUCCESS)
}

fn read_overrides(dir: &Path, required: bool) -> anyhow::Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        if required {
            bail!("templates folder `{}` does not exist", dir.display());
        }
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read `{}`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read template `{}`", path.display()))?;
        out.push((name, text));
    }
    Ok(out)
}

/// Refuses an output folder where the reports would be read as records: the program folder
/// itself or any folder in it other than `report/` (and folders below it).
fn refuse_record_folders(program: &Path, out: &Path) -> anyhow::Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (program, out) = (absolute(program), absolute(out));
    let program = program.canonicalize().unwrap_or(program);
    // The output folder may not exist yet: canonicalise its nearest existing ancestor.
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(parent) = existing.parent() else {
            break;
        };
        rest.push(
            existing
                .file_name()
                .map(ToOwned::to_owned)
                .unwrap_or_default(),
        );
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    if let Ok(inside) = resolved.strip_prefix(&program) {
        let first = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if first.as_deref() != Some("report") {
            bail!(
                "refusing to write reports into `{}`: inside the program folder they would be read as records; use `report/` (the default) or a folder outside the program",
                out.display()
            );
        }
    }
    Ok(())
}

/// Writes every file or none: each goes to a temporary file next to its destination first, and
/// only when all are written are they renamed into place, so an interrupted or failing run never
/// leaves a half-written report or a mix of old and new reports.
fn write_all_or_nothing(files: &[(PathBuf, &[u8])]) -> anyhow::Result<()> {
    let mut temps: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let written = files.iter().try_for_each(|(path, bytes)| {
        let parent = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        if path.is_dir() {
            bail!("cannot write `{}`: it is a folder", path.display());
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::write(&temp, bytes)
            .with_context(|| format!("cannot write `{}`", temp.display()))?;
        temps.push((temp, path.as_path()));
        Ok(())
    });
    if let Err(error) = written {
        for (temp, _) in &temps {
            let _ = std::fs::remove_file(temp);
        }
        return Err(error);
    }
    for (temp, path) in &temps {
        std::fs::rename(temp, path)
            .with_context(|| format!("cannot move report into `{}`", path.display()))?;
    }
    Ok(())
}

/// "133 records at commit 1a2b3c4" (plus "with uncommitted changes"), or just the count outside
/// git.
/// How many files have an error diagnostic (a record that could not be read is left out of the
/// program; one with a cross-record error stays in).
fn files_with_errors(diagnostics: &[diag::Diagnostic]) -> usize {
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

/// The footer's description of the records: how many, at which commit, and how many files have
/// errors (only with `--allow-errors`).
fn record_set(
    records: usize,
    left_out: usize,
    provenance: Option<mentor_records::Provenance>,
) -> String {
    let set = record_set_at(records, provenance);
    match left_out {
        0 => set,
        1 => format!("{set} (mentor check finds errors in 1 file)"),
        n => format!("{set} (mentor check finds errors in {n} files)"),
    }
}

fn record_set_at(records: usize, provenance: Option<mentor_records::Provenance>) -> String {
    match provenance {
        Some(mentor_records::Provenance {
            commit: Some(commit),
            dirty,
        }) => format!(
            "{records} records at commit {commit}{}",
            if dirty {
                " with uncommitted changes"
            } else {
                ""
            }
        ),
        Some(mentor_records::Provenance { commit: None, .. }) => {
            format!("{records} records, not yet committed")
        }
        None => format!("{records} records"),
    }
}
