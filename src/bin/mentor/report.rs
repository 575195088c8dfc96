//! `mentor report`: render every report into a folder, atomically (temporary file, then rename).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::model::AcademicYear;
use mentor_records::report::{self, Format, Quarter, Request, Templates};

use crate::args::{ReportArgs, ReportFormat};
use crate::program_dir;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let dir = program_dir::resolve(args.program.program_dir.as_deref());
    let as_of = program_dir::as_of(args.program.as_of);
    let files = mentor_records::read::fs::read_program(&dir)?;
    let outcome = mentor_records::run_check(files.files, &files.undecodable, as_of)
        .context("internal error: a built-in schema or instrument is broken")?;
    if outcome.summary.errors > 0 {
        eprintln!(
            "warning: `mentor check` finds {} in these records; reports include only the valid records",
            if outcome.summary.errors == 1 {
                "1 error".to_owned()
            } else {
                format!("{} errors", outcome.summary.errors)
            }
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
        record_set: record_set(outcome.summary.records, mentor_records::provenance(&dir)),
    };
    let status = report::status_lines(program, as_of, year);
    let rendered = report::render_all(program, &request, &status, &templates)?;
    let out_dir = args.out.clone().unwrap_or_else(|| dir.join("report"));
    let mut listing = String::new();
    for r in &rendered {
        let path = out_dir.join(&r.path);
        write_atomically(&path, r.content.as_bytes())?;
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

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves a half-written report.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create `{}`", parent.display()))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{file_name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).with_context(|| format!("cannot write `{}`", temp.display()))?;
    std::fs::rename(&temp, path)
        .with_context(|| format!("cannot move report into `{}`", path.display()))?;
    Ok(())
}

/// "133 records at commit 1a2b3c4" (plus "with uncommitted changes"), or just the count outside
/// git.
fn record_set(records: usize, provenance: Option<mentor_records::Provenance>) -> String {
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
