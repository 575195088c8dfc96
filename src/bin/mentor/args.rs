//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// Keep a faculty mentoring program's records as plain text in git: validate them, check the
/// program's rules as of a date, and render reports.
#[derive(Debug, Parser)]
#[command(name = "mentor", version = env!("MENTOR_VERSION"), about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Print a shell completion script (`mentor completions bash > ~/.local/share/bash-completion/completions/mentor`).
    Completions(CompletionsArgs),
    /// Print the manual page in roff (`mentor man > mentor.1; man ./mentor.1`).
    Man,
    /// Start a new program folder: program.md with every rule default, the record folders, a
    /// .gitignore, a README for the coordinator, and `git init` outside a repository.
    Init(InitArgs),
    /// Add a new record (person, agreement, group, summary, assessment), checked before it is
    /// written.
    New(NewArgs),
    /// Add a signature to an agreement; a draft becomes active when every party has signed.
    Sign(SignArgs),
    /// Record that a mentoring pair met on a date (only the date; meetings are confidential).
    Meet(MeetArgs),
    /// Record who attended a peer group session, or (GROUP `community`) a mentor community
    /// meeting.
    Attend(AttendArgs),
    /// Import records from a file: `mentor import people ROSTER.csv|ROSTER.xlsx`.
    Import(ImportArgs),
    /// List what falls due as of a date: everything overdue and everything due within the
    /// window (pair meetings, signatures, self-assessments, milestones, group and community
    /// meetings, intake steps, the fall-quarter notice, the quarterly report), soonest first.
    Due(DueArgs),
    /// Write email drafts (.eml) of the notices due as of a date: welcome emails, mentor
    /// requests, fall-quarter notices and reminders to pairs that are behind. Nothing is sent.
    Notices(NoticesArgs),
    /// Propose peer groups from a year's applications, or mentors for unpaired mentees, with the
    /// reasons for every proposal.
    Match(MatchArgs),
}

/// Options every writing command takes.
#[derive(Debug, clap::Args)]
pub(crate) struct WriteArgs {
    /// The program folder (holds `program.md`). Default: the current folder.
    #[arg(long = "program-dir", short = 'C', value_name = "DIR")]
    pub program_dir: Option<PathBuf>,
    /// The date the change is checked as of (a meeting after it is refused), YYYY-MM-DD.
    /// Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Print the change as a unified diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to create the program in. Default: the current folder.
    pub dir: Option<PathBuf>,
    /// The program's name.
    #[arg(long, default_value = "Faculty Mentoring Program")]
    pub name: String,
    /// The division that runs it.
    #[arg(long, default_value = "Division of Medicine")]
    pub division: String,
    /// Person id of the program director (a person record is written for them).
    #[arg(long, value_name = "ID", default_value = "program-director")]
    pub director: String,
    /// The program director's name.
    #[arg(long, value_name = "NAME", default_value = "Program Director")]
    pub director_name: String,
    /// Person id of the division chief (a person record is written for them).
    #[arg(long, value_name = "ID", default_value = "division-chief")]
    pub chief: String,
    /// The division chief's name.
    #[arg(long, value_name = "NAME", default_value = "Division Chief")]
    pub chief_name: String,
    /// The date the director's and chief's records start, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct SignArgs {
    /// The agreement's id (its file name in `agreements/` without `.md`).
    pub agreement: String,
    /// Who signs: the mentee's or a mentor's person id.
    #[arg(long, value_name = "ID")]
    pub person: String,
    /// The date signed, YYYY-MM-DD. Default: the as-of date.
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct MeetArgs {
    /// The agreement's id; the date goes into `meetings/AGREEMENT.md`.
    pub agreement: String,
    /// The day the pair met, YYYY-MM-DD.
    pub date: Date,
    /// Length of the meeting in minutes.
    #[arg(long, value_name = "N")]
    pub minutes: Option<u32>,
    /// How the meeting was held.
    #[arg(long, value_parser = ["in-person", "virtual", "hybrid"])]
    pub modality: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct AttendArgs {
    /// The peer group's id, or `community` for the mentor community's monthly meeting.
    pub group: String,
    /// The day of the session, YYYY-MM-DD.
    pub date: Date,
    /// Person ids of those present, comma-separated.
    #[arg(long, value_name = "ID,ID..", value_delimiter = ',', required = true)]
    pub present: Vec<String>,
    /// The community meeting's topic (community meetings only).
    #[arg(long)]
    pub topic: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewKind {
    /// A faculty member: `people/ID.md`.
    Person(NewPersonArgs),
    /// A draft mentoring agreement (`status: proposed`) with the standard agreement text.
    Agreement(NewAgreementArgs),
    /// A peer mentoring group for one academic year.
    Group(NewGroupArgs),
    /// A career-planning summary: `summaries/YEAR/MENTEE.md`.
    Summary(NewSummaryArgs),
    /// A self-assessment, its responses from a CSV (`item,response`) or asked item by item.
    Assessment(NewAssessmentArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewPersonArgs {
    /// The person's id: lowercase kebab-case, e.g. `a-example`.
    pub id: Option<String>,
    /// Full name, e.g. `Dr. A. Example`.
    #[arg(long)]
    pub name: Option<String>,
    /// Academic rank: instructor, assistant-professor, associate-professor, professor.
    #[arg(long)]
    pub rank: Option<String>,
    /// Track, e.g. clinician-educator.
    #[arg(long)]
    pub track: Option<String>,
    /// Faculty start date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub start_date: Option<Date>,
    /// Roles, comma-separated: mentee, mentor, facilitator, director, chief.
    #[arg(long, value_delimiter = ',')]
    pub roles: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewAgreementArgs {
    /// The mentee's person id.
    #[arg(long, value_name = "ID")]
    pub mentee: Option<String>,
    /// A mentor's person id (repeat for co-mentors).
    #[arg(long = "mentor", value_name = "ID")]
    pub mentors: Vec<String>,
    /// Start date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub start: Option<Date>,
    /// Planned end date, YYYY-MM-DD. Default: three years after the start, less a day.
    #[arg(long, value_name = "DATE")]
    pub end: Option<Date>,
    /// Agreed meeting frequency: monthly, bimonthly, quarterly, twice-yearly.
    #[arg(long, default_value = "quarterly")]
    pub frequency: String,
    /// Usual modality: in-person, virtual, hybrid.
    #[arg(long, default_value = "in-person")]
    pub modality: String,
    /// The agreement id. Default: `<start year>-<mentee id>`.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewGroupArgs {
    /// The group's id, e.g. `2025-26-first-years`.
    pub id: Option<String>,
    /// The group's name.
    #[arg(long)]
    pub name: Option<String>,
    /// Academic year, like `2025-26`.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// The facilitator's person id.
    #[arg(long, value_name = "ID")]
    pub facilitator: Option<String>,
    /// Members' person ids, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub members: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewSummaryArgs {
    /// The mentee's person id.
    #[arg(long, value_name = "ID")]
    pub mentee: Option<String>,
    /// Academic year, like `2025-26`.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NewAssessmentArgs {
    /// Whose self-assessment.
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// The instrument's id (see `schema/instruments/`).
    #[arg(long, value_name = "ID")]
    pub instrument: Option<String>,
    /// baseline, midpoint or final.
    #[arg(long)]
    pub phase: Option<String>,
    /// The date taken, YYYY-MM-DD. Default: the as-of date.
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    /// A CSV file with a header row `item,response`.
    #[arg(long, value_name = "FILE")]
    pub responses: Option<PathBuf>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// What to import: `people`.
    #[arg(value_parser = ["people"])]
    pub what: String,
    /// The roster: a `.csv` file with a header row, or an `.xlsx` workbook (first sheet).
    pub file: PathBuf,
    /// Map a column to a field, `column=field` (fields: id, name, rank, track, start_date,
    /// roles, email); repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// Academic year to show, like `2025-26`. Default: the year containing the as-of date (with
    /// every row still open from other years); naming that year is the same as the default.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<mentor_records::model::AcademicYear>,
    /// Output format: a text table, a JSON object (`as_of`, `year`, `provenance`, `counts` and
    /// `rows`, an array of row objects), or CSV with a header row.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    /// Show only rows with these statuses, comma-separated: `--only overdue,missed`.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS,...")]
    pub only: Vec<StatusFilter>,
    /// Show only rows about this person (a mentee, mentor, member or facilitator), by id.
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Show only rows of this rule, by name (`meeting-gap`) or code (`M302`).
    #[arg(long, value_name = "NAME")]
    pub rule: Option<String>,
    /// Show only rows about this peer mentoring group (the group and its members), by id.
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// Colour the status words: auto (when a terminal and NO_COLOR is unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// A status to keep with `mentor status --only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFilter {
    Missed,
    Overdue,
    DueSoon,
    OnTrack,
    Met,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormat {
    /// An aligned table, then the rows that need attention; fitted to the terminal's width
    /// (or `COLUMNS`), whole lines when not a terminal.
    Text,
    /// A JSON object: `as_of`, `year`, `provenance`, `counts` and `rows` (an array of row objects).
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
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
    /// The browser that prints `--format pdf` (Chromium or Chrome). Default: `MENTOR_BROWSER`,
    /// else `chromium`, `chromium-browser` or `google-chrome` on PATH.
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
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
    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Self-contained, print-ready HTML.
    Html,
    /// Markdown.
    Md,
    /// The HTML reports, each with a PDF next to it, printed by headless Chromium.
    Pdf,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ProgramArgs {
    /// The program folder (holds `program.md`). Default: the current folder if it has a
    /// `program.md`, else `example-program/`.
    pub program_dir: Option<PathBuf>,
    /// The date to check as of, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
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
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// The cache of per-file results that `mentor check` keeps, shared by the commands that check
/// the program (check, status, report, due, notices).
#[derive(Debug, clap::Args)]
pub(crate) struct CacheArgs {
    /// Do not read or write the cache of per-file results that `mentor check` keeps
    /// (`.git/mentor-cache/` in a repository, else the user cache folder), so every file is
    /// parsed and validated again.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct HookArgs {
    #[command(subcommand)]
    pub command: HookCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum HookCommand {
    /// Write the repository's pre-commit hook (in `.git/hooks/`, or `core.hooksPath` when set) so
    /// that it runs `mentor check --staged`. Refuses to replace a hook it did not write.
    Install(HookInstallArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct HookInstallArgs {
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
pub(crate) struct ExplainArgs {
    /// A code (`M203`) or name (`unknown-reference`); omit to list every code.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// `path:line:col: error[CODE]: message` with a source snippet.
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DueArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// The window, in days after the as-of date (overdue items are always listed).
    #[arg(long, value_name = "DAYS", default_value_t = mentor_records::due::DEFAULT_DAYS)]
    pub days: u32,
    /// Only the items concerning this person (their id, like `a-example`).
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Output format: one line per item, a JSON object, CSV with a header row, or an RFC 5545
    /// calendar (iCalendar, all-day events with stable UIDs).
    #[arg(long, value_enum, default_value_t = DueFormat::Text)]
    pub format: DueFormat,
    /// Write the output to this file (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also write one calendar per person, `DIR/<id>.ics`, with the items concerning them
    /// (implies `--format ics` for those files).
    #[arg(long, value_name = "DIR")]
    pub per_person: Option<PathBuf>,
    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DueFormat {
    /// One line per item, soonest first.
    Text,
    /// A JSON object with the items.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// An iCalendar (RFC 5545) file.
    Ics,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NoticesArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// The window, in days after the as-of date, for notices about what falls due.
    #[arg(long, value_name = "DAYS", default_value_t = mentor_records::due::DEFAULT_DAYS)]
    pub days: u32,
    /// Output folder for the .eml drafts (outside the program's record folders).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Folder of template overrides. Default: `templates/` inside the program folder.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct MatchArgs {
    #[command(subcommand)]
    pub command: MatchCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum MatchCommand {
    /// Partition the eligible applicants of a year into peer groups (sizes from
    /// `matching.group_size_min` to `rules.group_size_max`, one common weekly slot), maximising
    /// shared topics, each with a proposed facilitator.
    Groups(MatchGroupsArgs),
    /// Rank mentors for unpaired mentees (or the given ones), with reasons and a score
    /// breakdown, and assign all of them jointly under mentor capacities.
    Mentors(MatchMentorsArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct MatchGroupsArgs {
    #[command(flatten)]
    pub program: ProgramArgs,
    /// Academic year of the applications, like `2026-27`.
    #[arg(long, value_name = "YEAR")]
    pub year: mentor_records::model::AcademicYear,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MatchFormat::Text)]
    pub format: MatchFormat,
    /// Write each proposed group as `groups/<id>.md` with `status: proposed`, after checking the
    /// program as it would be; never replaces an existing file.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct MatchMentorsArgs {
    /// Mentee ids to match. Default: every mentee without an active or proposed agreement.
    #[arg(value_name = "MENTEE")]
    pub mentees: Vec<String>,
    /// The program folder (holds `program.md`). Default: the current folder.
    #[arg(long = "program-dir", short = 'C', value_name = "DIR")]
    pub program_dir: Option<PathBuf>,
    /// The date to check as of, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Suggestions per mentee.
    #[arg(long, default_value_t = 3)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MatchFormat::Text)]
    pub format: MatchFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MatchFormat {
    /// Readable text with a reason per line.
    Text,
    /// One JSON object.
    Json,
}
