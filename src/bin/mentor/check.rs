//! `mentor check`: read, validate, print diagnostics, exit 0/1/2.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use mentor_records::diag::{self, Severity};
use mentor_records::read;

use crate::args::{CheckArgs, ColorChoice, Format};
use crate::program_dir;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = program_dir::resolve(args.program.program_dir.as_deref());
    let as_of = program_dir::as_of(args.program.as_of);
    let files = read::fs::read_program(&dir)?;
    let outcome = mentor_records::run_check(files.files, &files.undecodable, as_of)
        .context("internal error: a built-in schema or instrument is broken")?;
    let text = match args.format {
        Format::Json => diag::json::render(&outcome.diagnostics, &outcome.summary),
        Format::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
                }
            };
            diag::text::render(
                &outcome.diagnostics,
                &outcome.summary,
                &outcome.sources,
                color,
            )
        }
    };
    crate::print(&text)?;
    let failing = outcome.diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning)
    });
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
