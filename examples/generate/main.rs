//! Generates a valid mentoring program of any size, for benchmarks (dev-only, not part of the
//! `mentor` CLI).
//!
//! ```sh
//! cargo run --release --example generate -- --faculty 5000 --years 10 --seed 1 --out /tmp/school
//! mentor check /tmp/school --as-of 2026-06-30
//! ```
//!
//! The same options always write the same files. The folder must be empty or absent.

mod program;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generate a valid program: people, agreements, meeting logs, groups, community years,
/// self-assessments and summaries, ending with the 2025-26 academic year.
#[derive(Debug, Parser)]
struct Args {
    /// Number of faculty (people records), at least 10.
    #[arg(long, default_value_t = 200)]
    faculty: usize,
    /// Number of academic years, the last being 2025-26.
    #[arg(long, default_value_t = 10)]
    years: u16,
    /// RNG seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (must be empty or absent).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.faculty < 10 || args.years == 0 {
        eprintln!("error: need --faculty 10 or more and --years 1 or more");
        return ExitCode::from(2);
    }
    if std::fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some()) {
        eprintln!("error: `{}` is not empty", args.out.display());
        return ExitCode::from(2);
    }
    let files = program::generate(program::Options {
        faculty: args.faculty,
        years: args.years,
        seed: args.seed,
    });
    if let Err(e) = program::write(&files, &args.out) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    println!(
        "wrote {} files ({:.1} MB) to {}; check with `mentor check {} --as-of {}`",
        files.len(),
        bytes as f64 / 1e6,
        args.out.display(),
        args.out.display(),
        program::AS_OF
    );
    ExitCode::SUCCESS
}
