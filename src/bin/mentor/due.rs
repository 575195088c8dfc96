//! `mentor due`: what falls due as of a date, as text, JSON, CSV or an iCalendar file; with
//! `--per-person DIR`, one calendar per person too. Files are written atomically. Exit 0 unless
//! the tool cannot run (an unknown `--person` is a usage error, exit 2).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::due::{self, Agenda};
use mentor_records::model::Program;

use crate::args::{DueArgs, DueFormat};
use crate::program_dir;

/// Loads the program and evaluates the rules as of `as_of`, warning on stderr when records
/// have errors (the agenda then covers the valid records only).
pub(crate) fn load(
    dir: &Path,
    as_of: jiff::civil::Date,
) -> anyhow::Result<mentor_records::CheckOutcome> {
    let files = mentor_records::read::fs::read_program(dir)?;
    let outcome = mentor_records::run_check(files, as_of)
        .context("internal error: a built-in schema or instrument is broken")?;
    let errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == mentor_records::diag::Severity::Error)
        .filter(|d| {
            d.code != mentor_records::diag::Code::DateInFuture
                && !mentor_records::rules::Rule::ALL
                    .iter()
                    .any(|r| r.code() == d.code)
        })
        .count();
    if errors > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: `mentor check` finds {errors} error(s) in these records; only the valid records are covered"
        );
    }
    Ok(outcome)
}

pub(crate) fn run(args: &DueArgs) -> anyhow::Result<ExitCode> {
    let dir = program_dir::resolve(args.program.program_dir.as_deref())?;
    let as_of = program_dir::as_of(args.program.as_of)?;
    let outcome = load(&dir, as_of)?;
    let program = &outcome.program;
    let mut agenda = due::agenda(program, &outcome.evaluation, args.days);
    if let Some(id) = &args.person {
        if program.person(id).is_none() {
            bail!(
                "--person `{id}`: no person with this id in `{}`",
                dir.display()
            );
        }
        agenda = agenda.for_person(id);
    }
    let stamp = jiff::Timestamp::now().as_second();
    let name = calendar_name(program, args.person.as_deref());
    let text = match args.format {
        DueFormat::Text => due::render::text(&agenda),
        DueFormat::Json => due::render::json(&agenda, &mentor_records::provenance(&dir)),
        DueFormat::Csv => due::render::csv(&agenda),
        DueFormat::Ics => due::ics::ics(&agenda, &name, stamp),
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    if let Some(out) = &args.out {
        files.push((out.clone(), text.clone()));
    }
    if let Some(folder) = &args.per_person {
        for id in agenda.people() {
            let mine: Agenda = agenda.for_person(&id);
            let name = calendar_name(program, Some(&id));
            files.push((
                folder.join(format!("{id}.ics")),
                due::ics::ics(&mine, &name, stamp),
            ));
        }
    }
    for (path, _) in &files {
        crate::report::refuse_record_folders(&dir, path.parent().unwrap_or(Path::new(".")))?;
    }
    let bytes: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes()))
        .collect();
    crate::report::write_all_or_nothing(&bytes)?;
    if files.is_empty() {
        crate::print(&text)?;
    } else {
        let mut listing = String::new();
        for (path, _) in &files {
            listing.push_str(&format!("wrote {}\n", path.display()));
        }
        let _ = write!(std::io::stderr().lock(), "{listing}");
        if args.out.is_none() {
            crate::print(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "Career Development Mentoring Program: due", or with a person's name.
fn calendar_name(program: &Program, person: Option<&str>) -> String {
    let program_name = program
        .config
        .as_ref()
        .map_or("Mentoring program", |c| c.name.as_str());
    match person.and_then(|id| program.person(id)) {
        Some(p) => format!("{program_name}: due for {}", p.name),
        None => format!("{program_name}: due"),
    }
}
