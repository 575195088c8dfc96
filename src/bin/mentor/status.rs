//! `mentor status`: every rule's status as of a date, as a table, JSON or CSV.
//!
//! Runs the same pipeline as `mentor check` (`app::status`); when the records have errors, it
//! still shows the status of the valid records and says so on stderr (records dated after the
//! as-of date are not counted: viewing an earlier date ignores them). Exit 0 unless the tool
//! cannot run.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use mentor_records::app::{self, Filter};
use mentor_records::present::status as render;
use mentor_records::rules::{Rule, Status};

use crate::args::{StatusArgs, StatusFilter, StatusFormat};
use crate::program_dir::Program;

pub(crate) fn run(args: &StatusArgs, program: &Program) -> anyhow::Result<ExitCode> {
    let (files, cache) = program.read_cached(!args.cache.no_cache)?;
    let outcome = app::status(files, program.as_of, cache).context(crate::BROKEN)?;
    // Record errors only: rule findings configured as errors are rows of the table, and records
    // dated after the as-of date (M206) are what viewing an earlier date ignores.
    if outcome.record_errors > 0 {
        let errors = match outcome.record_errors {
            1 => "1 error".to_owned(),
            n => format!("{n} errors"),
        };
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: `mentor check` finds {errors} in these records; status covers only the valid records"
        );
    }
    let rule = match &args.rule {
        Some(name) => Some(Rule::lookup_name_or_code(name).ok_or_else(|| {
            let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
            anyhow::anyhow!(
                "`--rule {name}` is not a rule; the rules are {}",
                names.join(", ")
            )
        })?),
        None => None,
    };
    let filter = Filter {
        only: args.only.iter().map(|s| status_of(*s)).collect(),
        rule,
        person: args.person.clone(),
        group: args.group.clone(),
    };
    let view = &outcome.view(args.year, &filter);
    let text = match args.format {
        StatusFormat::Text => {
            render::text_styled(view, width(), crate::check::use_color(args.color))
        }
        StatusFormat::Json => render::json(view, &mentor_records::provenance(&program.dir)),
        StatusFormat::Csv => render::csv(view),
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
