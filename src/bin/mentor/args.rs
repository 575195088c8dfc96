//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// Keep a faculty mentoring program's records as plain text in git: validate them, check the
/// program's rules as of a date, and render reports.
#[derive(Debug, Parser)]
#[command(name = "mentor", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every record (schemas, references, dates, confidentiality) and report findings.
    Check(CheckArgs),
    /// Explain a diagnostic code (`mentor explain M203`), or list all codes.
    Explain(ExplainArgs),
    /// Render the career-planning summaries, the quarterly report and the status index.
    Report(ReportArgs),
    /// Install a git pre-commit hook that checks the staged records before every commit.
    Hook(HookArgs),
    /// Show every rule's status as of a date (met, on-track, due-soon, overdue, missed): one row
    /// per pair, group, member, mentor and mentee milestone, worst first.
    Status(StatusArgs),
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// Academic year to show, like `2025-26`. Default: the year containing the as-of date (with
    /// every row still open from other years).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<mentor_records::model::AcademicYear>,
    /// Output format: a text table, a JSON array of rows, or CSV with a header row.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// An aligned table, then the rows that need attention.
    Text,
    /// A JSON array of row objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// Academic year of the career-planning summaries, like `2025-26`. Default: the year
    /// containing the as-of date.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Quarter of the director's report, like `2025-26-Q3`. Default: the quarter containing the
    /// as-of date.
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Output folder. Default: `report/` inside the program folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Folder of template overrides. Default: `templates/` inside the program folder.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Render even when `mentor check` finds errors: records that could not be read are left out,
    /// and the reports' footer says how many files have errors. Without it, the errors are
    /// printed and nothing is written.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Self-contained, print-ready HTML.
    Html,
    /// Markdown.
    Md,
}

#[derive(Debug, clap::Args)]
pub struct ProgramArgs {
    /// The program folder (holds `program.md`). Default: the current folder if it has a
    /// `program.md`, else `example-program/`.
    pub program_dir: Option<PathBuf>,
    /// The date to check as of, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as errors (exit 1 if any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Colour the output: auto (when a terminal and NO_COLOR is unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The program folder, as an option (same as PROGRAM_DIR).
    #[arg(
        long = "program-dir",
        value_name = "DIR",
        conflicts_with = "program_dir"
    )]
    pub program_dir_option: Option<PathBuf>,
    /// Check the records as staged in the git index (what `git commit` would record), not the
    /// work tree; also checks that no past meeting date was removed since HEAD. Without a
    /// program folder, the nearest folder upwards with a `program.md` is used, else the only
    /// `program.md` in the index. Paths are printed relative to the repository root.
    #[arg(long, conflicts_with = "rev")]
    pub staged: bool,
    /// Check the records as of a commit (`HEAD~2`, a branch, a tag, a commit id), including that
    /// no past meeting date was removed since its first parent.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Do not read or write the cache of per-file results (`.git/mentor-cache/` in a
    /// repository, else the user cache folder), so every file is parsed and validated again.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    #[command(subcommand)]
    pub command: HookCommand,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write the repository's pre-commit hook (in `.git/hooks/`, or `core.hooksPath` when set) so
    /// that it runs `mentor check --staged`. Refuses to replace a hook it did not write.
    Install(HookInstallArgs),
}

#[derive(Debug, clap::Args)]
pub struct HookInstallArgs {
    /// The program folder the hook checks. Default: found like `mentor check --staged` does.
    pub program_dir: Option<PathBuf>,
    /// The program folder, as an option (same as PROGRAM_DIR).
    #[arg(
        long = "program-dir",
        value_name = "DIR",
        conflicts_with = "program_dir"
    )]
    pub program_dir_option: Option<PathBuf>,
    /// Replace an existing pre-commit hook that `mentor` did not write.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A code (`M203`) or name (`unknown-reference`); omit to list every code.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: error[CODE]: message` with a source snippet.
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
