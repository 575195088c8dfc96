//! `mentor completions SHELL` and `mentor man`: shell completion scripts (clap_complete) and the
//! manual page in roff (clap_mangen), both generated from the clap definitions in `args.rs`, so
//! they list exactly the subcommands and options this binary has.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};

/// Prints the completion script for `args.shell` to stdout.
pub(crate) fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "mentor", &mut script);
    crate::print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the manual page `mentor(1)` in roff to stdout: the synopsis, every option, and every
/// subcommand with its one-line description.
pub(crate) fn man() -> anyhow::Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    crate::print(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}
