//! `mentor status`: every rule's status as of a date, as a table, JSON or CSV.
//!
//! Runs the same pipeline as `mentor check`; when the records have errors, it still shows the
//! status of the valid records and says so on stderr (records dated after the as-of date are not
//! counted: viewing an earlier date ignores them). Exit 0 unless the tool cannot run.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use mentor_records::diag::{Code, Severity};
use mentor_records::rules::{Rule, render};

use crate::args::{StatusArgs, StatusFormat};
use crate::program_dir;

pub(crate) fn run(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let dir = program_dir::resolve(args.program.program_dir.as_deref())?;
    let as_of = program_dir::as_of(args.program.as_of)?;
    let files = mentor_records::read::fs::read_program(&dir)?;
    let outcome = mentor_records::run_check(files, as_of)
        .context("internal error: a built-in schema or instrument is broken")?;
    // Record errors only: rule findings configured as errors are rows of the table, and records
    // dated after the as-of date (M206) are what viewing an earlier date ignores.
    let record_errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.code != Code::DateInFuture && !Rule::ALL.iter().any(|r| r.code() == d.code))
        .count();
    if record_errors > 0 {
        let errors = match record_errors {
            1 => "1 error".to_owned(),
            n => format!("{n} errors"),
        };
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: `mentor check` finds {errors} in these records; status covers only the valid records"
        );
    }
    let view = outcome.evaluation.view(args.year);
    let text = match args.format {
        StatusFormat::Text => render::text(&view),
        StatusFormat::Json => render::json(&view, &mentor_records::provenance(&dir)),
        StatusFormat::Csv => render::csv(&view),
    };
    crate::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
