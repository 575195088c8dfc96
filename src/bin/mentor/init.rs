//! `mentor init [DIR]`: a new program folder that `mentor check` passes.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::edit::text::scalar;
use mentor_records::edit::write::write_atomic;

use crate::args::InitArgs;
use crate::new::person_text;

/// Record folders created (with a `.gitkeep`, so git keeps them while empty).
const FOLDERS: [&str; 7] = [
    "people",
    "agreements",
    "meetings",
    "groups",
    "community",
    "assessments",
    "summaries",
];

/// `program.md`'s rule settings: every built-in default, commented with its seed.
const RULES: &str = "# Every rule setting below is the built-in default, written out so readers can see it.
rules:
  pair_meetings_per_year: 2          # seed 004: meet the assigned mentor at least twice a year
  pair_meetings_recommended: 4       # seed 004: quarterly meetings should be sufficient
  pair_max_gap_days: 183             # seed 004: half a year between two meetings of a pair
  group_sessions_per_year: 9         # seed 002: each group meets 9 times a year
  group_attendance_min: 7            # seed 002: attend at least 7 of the meetings
  group_size_max: 8                  # seed 002: up to 8 faculty per group
  community_attendance_min: 6        # seed 001: monthly mentor community meetings
  salary_plan_months: 18             # seed 004: salary support addressed by year 1.5
  appraisal_prep_months: 36          # seed 004: prepared in advance for the fourth-year appraisal
  promotion_packet_months_before: 6  # seed 004: packet ready 6 months before it is due
  signature_days: 30                 # seed 003 Launch: sign the agreement
  baseline_days: 60                  # seed 003 Prepare: baseline self-assessment
  final_days: 60                     # seed 003 Conclude: final self-assessment
  due_soon_days: 30                  # report deadlines this many days ahead
  unpaired_days: 90                  # seed 004 intake: a new mentee has a mentor within the first quarter
# severity:                          # uncomment to change how a rule is reported
#   pair-meetings: error
";

const README: &str = "# Our mentoring program's records

This folder holds the program's records as plain text, checked by `mentor`. Every command below
checks the program as it would be before it writes, and writes nothing when the change adds an
error.

    mentor import people roster.xlsx        # new faculty from academic personnel's roster
    mentor new person a-example --name \"Dr. A. Example\" --rank assistant-professor \\
        --track clinician-educator --start-date 2025-07-01 --roles mentee
    mentor new agreement --mentee a-example --mentor b-sample --start 2025-09-01
    mentor sign 2025-a-example --person a-example
    mentor meet 2025-a-example 2025-10-14  # only the date: meetings are confidential
    mentor check                            # validate everything
    mentor status                           # what is due, overdue or missed
    mentor report                           # HTML reports in report/ (not committed)

Edit `program.md` to name the program and tune the rules; each setting names its source.
Commit after each change: the records' history is the program's history.
";

pub(crate) fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = args.dir.clone().unwrap_or_else(|| ".".into());
    if dir.join("program.md").exists() {
        bail!(
            "`{}` already holds a program (`program.md`); nothing written",
            dir.display()
        );
    }
    for folder in FOLDERS {
        if holds_markdown(&dir.join(folder)) {
            bail!(
                "`{}` already holds records (in `{folder}/`); nothing written",
                dir.display()
            );
        }
    }
    let as_of = crate::program_dir::as_of(args.as_of)?;
    let director_roles = vec!["director".to_owned()];
    let chief_roles = vec!["chief".to_owned()];
    let program = format!(
        "---\nname: {}\ndivision: {}\nacademic_year_start: \"07-01\"\ndirector: {}\nchief: {}\n{RULES}---\n# {}\n\nThe program's mission and how it works, for new mentors and mentees.\n",
        scalar(&args.name),
        scalar(&args.division),
        args.director,
        args.chief,
        args.name
    );
    let mut files = vec![
        ("program.md".to_owned(), program),
        (".gitignore".to_owned(), "report/\n".to_owned()),
        ("README.md".to_owned(), README.to_owned()),
        (
            format!("people/{}.md", args.director),
            person_text(
                &args.director,
                &args.director_name,
                "professor",
                "clinician-educator",
                as_of,
                &director_roles,
                &[],
            ),
        ),
    ];
    if args.chief != args.director {
        files.push((
            format!("people/{}.md", args.chief),
            person_text(
                &args.chief,
                &args.chief_name,
                "professor",
                "clinician-educator",
                as_of,
                &chief_roles,
                &[],
            ),
        ));
    }
    for folder in FOLDERS {
        files.push((format!("{folder}/.gitkeep"), String::new()));
    }
    // The result must pass `mentor check` before anything is written.
    let read = mentor_records::read::ReadFiles {
        files: files
            .iter()
            .map(|(p, t)| mentor_records::source::SourceFile::new(p.clone(), t.clone()))
            .filter(|f| {
                matches!(
                    mentor_records::layout::classify(&f.path),
                    mentor_records::layout::Place::Record(_)
                )
            })
            .collect(),
        ..Default::default()
    };
    let outcome =
        mentor_records::app::check(read, as_of, Default::default()).context(crate::BROKEN)?;
    if outcome.summary.errors > 0 {
        let text = mentor_records::diag::text::render(
            &outcome.diagnostics,
            &outcome.summary,
            &outcome.sources,
            false,
        );
        eprint!("{text}");
        bail!("the new program would not pass `mentor check` (see above); nothing written");
    }
    for (path, text) in &files {
        let written = write_atomic(&dir, path, text, true)?;
        if !path.ends_with(".gitkeep") {
            crate::print(&format!("wrote {}\n", written.display()))?;
        }
    }
    git_init(&dir)?;
    crate::print(&format!(
        "a new program is in `{}`; next: `mentor import people ROSTER.csv` or `mentor new person`\n",
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether `folder` holds a Markdown file (a record), at any depth.
fn holds_markdown(folder: &Path) -> bool {
    walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
}

/// `git init` in `dir` unless it is already inside a work tree (the `git` binary: gix here is
/// built without its init feature). Without git, says so and carries on.
fn git_init(dir: &Path) -> anyhow::Result<()> {
    let inside = std::process::Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match inside {
        Ok(status) if status.success() => Ok(()),
        Ok(_) => {
            let status = std::process::Command::new("git")
                .args(["init", "--quiet"])
                .current_dir(dir)
                .status()
                .context("cannot run `git init`")?;
            if status.success() {
                crate::print(&format!(
                    "initialised a git repository in `{}`\n",
                    dir.display()
                ))?;
            }
            Ok(())
        }
        Err(_) => {
            crate::print("git was not found: the folder is not a git repository yet\n")?;
            Ok(())
        }
    }
}
