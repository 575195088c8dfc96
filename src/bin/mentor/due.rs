//! `mentor due`: what falls due as of a date, as text, JSON, CSV or an iCalendar file; with
//! `--per-person DIR`, one calendar per person too. Files are written atomically. Exit 0 unless
//! the tool cannot run (an unknown `--person` is a usage error, exit 2).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::app::{self, CheckOptions, CheckOutcome};
use mentor_records::due::{self, Agenda};

use crate::args::{DueArgs, DueFormat};
use crate::program_dir::Program;

/// Checks the program as of its as-of date, through the cache of per-file results that
/// `mentor check` keeps unless `use_cache` is false, warning on stderr when records have errors
/// (the agenda then covers the valid records only).
pub(crate) fn load(program: &Program, use_cache: bool) -> anyhow::Result<CheckOutcome> {
    let (files, cache) = program.read_cached(use_cache)?;
    let options = CheckOptions {
        cache,
        ..CheckOptions::default()
    };
    let outcome = app::check(files, program.as_of, options).context(crate::BROKEN)?;
    let errors = outcome.record_errors();
    if errors > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: `mentor check` finds {errors} error(s) in these records; only the valid records are covered"
        );
    }
    Ok(outcome)
}

pub(crate) fn run(args: &DueArgs, resolved: &Program) -> anyhow::Result<ExitCode> {
    let dir = &resolved.dir;
    let outcome = load(resolved, !args.cache.no_cache)?;
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
    let name = due::ics::calendar_name(program, args.person.as_deref());
    let text = match args.format {
        DueFormat::Text => due::render::text(&agenda),
        DueFormat::Json => due::render::json(&agenda, &mentor_records::provenance(dir)),
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
            let name = due::ics::calendar_name(program, Some(&id));
            files.push((
                folder.join(format!("{id}.ics")),
                due::ics::ics(&mine, &name, stamp),
            ));
        }
    }
    for (path, _) in &files {
        crate::report::refuse_record_folders(dir, path.parent().unwrap_or(Path::new(".")))?;
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
