//! `mentor status`: every rule's status as of a date, as a table, JSON or CSV.
//!
//! Runs the same pipeline as `mentor check`; when the records have errors, it still shows the
//! status of the valid records and says so on stderr (records dated after the as-of date are not
//! counted: viewing an earlier date ignores them). Exit 0 unless the tool cannot run.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use mentor_records::diag::{Code, Severity};
use mentor_records::present::status as render;
use mentor_records::rules::{Kind, Rule, Status};

use crate::args::{StatusArgs, StatusFilter, StatusFormat};
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
    let mut view = outcome.evaluation.view(args.year);
    let rule = match &args.rule {
        Some(name) => Some(
            Rule::ALL
                .into_iter()
                .find(|r| r.name() == name || r.code().id().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                    anyhow::anyhow!(
                        "`--rule {name}` is not a rule; the rules are {}",
                        names.join(", ")
                    )
                })?,
        ),
        None => None,
    };
    let only: Vec<Status> = args.only.iter().map(|s| status_of(*s)).collect();
    view.retain(|r| {
        (only.is_empty() || only.contains(&r.status))
            && rule.is_none_or(|rule| r.rule == rule)
            && args.person.as_ref().is_none_or(|p| r.people.contains(p))
            && args
                .group
                .as_ref()
                .is_none_or(|g| matches!(r.kind, Kind::Group | Kind::Member) && &r.subject == g)
    });
    let text = match args.format {
        StatusFormat::Text => {
            render::text_styled(&view, width(), crate::check::use_color(args.color))
        }
        StatusFormat::Json => render::json(&view, &mentor_records::provenance(&dir)),
        StatusFormat::Csv => render::csv(&view),
    };
    crate::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn status_of(filter: StatusFilter) -> Status {
    match filter {
        StatusFilter::Missed => Status::Missed,
        StatusFilter::Overdue => Status::Overdue,
        StatusFilter::DueSoon => Status::DueSoon,
        StatusFilter::OnTrack => Status::OnTrack,
        StatusFilter::Met => Status::Met,
    }
}

/// The width to fit the text table to: `COLUMNS` when set to a number, else the terminal's
/// width when stdout is a terminal, else `None` (whole lines, for pipes and files).
fn width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(columns);
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w))
}
