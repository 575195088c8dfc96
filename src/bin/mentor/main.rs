//! `mentor`: parse arguments, run one subcommand, map the outcome to an exit code.
//! Exit codes: 0 clean (or warnings only), 1 error findings, 2 the tool could not run.

mod alloc;
mod args;
mod cache;
mod check;
mod completions;
mod due;
mod explain;
mod git_source;
mod hook;
mod import;
mod init;
mod matching;
mod new;
mod notices;
mod pdf;
mod program_dir;
mod record;
mod report;
mod status;
mod write;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    alloc::lean();
    std::panic::set_hook(Box::new(report_bug));
    let cli = Cli::parse();
    // Commands that read a program get its folder and as-of date resolved here, once
    // (`ProgramArgs::resolve`); `check` finds its program in git with --staged or --rev.
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Report(args) => args.program.resolve().and_then(|p| report::run(&args, &p)),
        Command::Hook(args) => hook::run(&args),
        Command::Status(args) => args.program.resolve().and_then(|p| status::run(&args, &p)),
        Command::Completions(args) => completions::run(&args),
        Command::Man => completions::man(),
        Command::Sign(args) => record::sign(&args),
        Command::Meet(args) => record::meet(&args),
        Command::Attend(args) => record::attend(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Due(args) => args.program.resolve().and_then(|p| due::run(&args, &p)),
        Command::Notices(args) => args.program.resolve().and_then(|p| notices::run(&args, &p)),
        Command::Match(args) => matching::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {error}");
            for cause in error.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// The context of a `LoadError`, which only a broken built-in schema or instrument causes.
pub(crate) const BROKEN: &str = "internal error: a built-in schema or instrument is broken";

/// Writes to stdout; a closed pipe (`mentor check | head`) is not an error.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// The panic hook: a panic is a bug, said in one line without the panic's own text beyond its
/// first 200 characters, made printable: a message that quotes a record (a string slice error
/// quotes the file) must not reach the terminal raw or whole.
fn report_bug(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let short: String = payload.chars().take(200).collect();
    let location = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "error: mentor hit a bug (panic at {location}): {}\n  please report it with the command you ran",
        mentor_records::text::printable(&short)
    );
}
