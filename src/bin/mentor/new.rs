//! `mentor new person|agreement|group|summary|assessment`: write one new record, checked before
//! it is written. Required values that are missing are asked for when stdin is a terminal
//! (dialoguer) and are an error listing them otherwise.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, bail};
use jiff::ToSpan;
use jiff::civil::Date;
use mentor_records::edit::Change;
use mentor_records::edit::text::{flow_list, scalar};

use crate::args::{
    NewAgreementArgs, NewArgs, NewAssessmentArgs, NewGroupArgs, NewKind, NewPersonArgs,
    NewSummaryArgs,
};
use crate::write;

pub(crate) fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    match &args.kind {
        NewKind::Person(a) => person(a),
        NewKind::Agreement(a) => agreement(a),
        NewKind::Group(a) => group(a),
        NewKind::Summary(a) => summary(a),
        NewKind::Assessment(a) => assessment(a),
    }
}

/// Collects required values: each `(flag, value)` that is `None` is asked for on a terminal, or
/// listed in one error when stdin is not a terminal.
struct Required {
    interactive: bool,
    missing: Vec<&'static str>,
}

impl Required {
    fn new() -> Self {
        Required {
            interactive: std::io::stdin().is_terminal(),
            missing: Vec::new(),
        }
    }

    /// The value given, else the answer to a prompt, else `None` (and the flag is noted).
    fn text(&mut self, flag: &'static str, given: Option<&str>) -> anyhow::Result<Option<String>> {
        if let Some(v) = given {
            return Ok(Some(v.to_owned()));
        }
        if self.interactive {
            let answer: String = dialoguer::Input::new()
                .with_prompt(flag.trim_start_matches('-'))
                .interact_text()?;
            return Ok(Some(answer));
        }
        self.missing.push(flag);
        Ok(None)
    }

    fn date(&mut self, flag: &'static str, given: Option<Date>) -> anyhow::Result<Option<Date>> {
        match self.text(flag, given.map(|d| d.to_string()).as_deref())? {
            Some(t) => Ok(Some(t.trim().parse().with_context(|| {
                format!("`{flag}`: `{t}` is not a date like 2025-09-01")
            })?)),
            None => Ok(None),
        }
    }

    fn list(&mut self, flag: &'static str, given: &[String]) -> anyhow::Result<Vec<String>> {
        if !given.is_empty() {
            return Ok(given.to_vec());
        }
        Ok(self
            .text(flag, None)?
            .map(|t| {
                t.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Fails listing every missing value.
    fn finish(self, what: &str) -> anyhow::Result<()> {
        if self.missing.is_empty() {
            return Ok(());
        }
        bail!(
            "cannot write the {what}: missing {} (stdin is not a terminal, so nothing was asked)",
            self.missing
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn create(
    program: write::Program,
    path: String,
    text: String,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    if write::current_text(&program.root, &path)?.is_some() {
        bail!(
            "`{path}` already exists in `{}`; nothing written",
            program.root.display()
        );
    }
    write::commit(
        program,
        Change {
            path,
            before: None,
            after: text,
        },
        dry_run,
        &[],
    )
}

/// The front matter and body of a person record.
pub(crate) fn person_text(
    id: &str,
    name: &str,
    rank: &str,
    track: &str,
    start_date: Date,
    roles: &[String],
    extra: &[(&str, String)],
) -> String {
    let mut text = format!(
        "---\nid: {id}\nname: {}\nrank: {rank}\ntrack: {track}\nstart_date: {start_date}\nroles: {}\n",
        scalar(name),
        flow_list(roles)
    );
    for (k, v) in extra {
        text.push_str(&format!("{k}: {v}\n"));
    }
    text.push_str("---\n");
    text
}

fn person(a: &NewPersonArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&a.write)?;
    let mut r = Required::new();
    let id = r.text("ID", a.id.as_deref())?;
    let name = r.text("--name", a.name.as_deref())?;
    let rank = r.text("--rank", a.rank.as_deref())?;
    let track = r.text("--track", a.track.as_deref())?;
    let start = r.date("--start-date", a.start_date)?;
    let roles = r.list("--roles", &a.roles)?;
    if roles.is_empty() && !r.missing.contains(&"--roles") {
        r.missing.push("--roles");
    }
    r.finish("person")?;
    let (Some(id), Some(name), Some(rank), Some(track), Some(start)) =
        (id, name, rank, track, start)
    else {
        bail!("internal error: a required value was not collected");
    };
    let text = person_text(&id, &name, &rank, &track, start, &roles, &[]);
    create(program, format!("people/{id}.md"), text, a.write.dry_run)
}

/// The standard agreement text (seed 003 Launch: the agreement template covers meeting
/// frequency, modality, confidentiality and goals; seed 004: meetings are confidential, only
/// their dates are recorded, and a mentee may ask the program director for a different mentor).
pub(crate) const AGREEMENT_BODY: &str = "# Mentoring agreement

## Meetings

We will meet as agreed above, and never less than twice in an academic year. The mentee proposes
dates and brings an agenda; the mentor keeps the time free and says early if a meeting has to
move.

## Confidentiality

Our conversations are private. The division records only the dates on which we met, to show that
meetings happen; no notes on what we discussed are kept by the division or by the mentor.

## Goals

We will set goals with target dates at our first meeting, write them under `goals`, and look at
them together at least twice a year, marking each one met, revised or dropped.

## Raising concerns

Either of us can raise a concern at the next meeting or in writing in between. If the relationship
is not working for the mentee, they may ask the program director for a different mentor; they do
not have to explain the request to the mentor.

## Signatures

This agreement is a draft (`status: proposed`) until the mentee and every mentor have signed it
(`mentor sign`), which should happen within 30 days of its start.
";

fn agreement(a: &NewAgreementArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&a.write)?;
    let mut r = Required::new();
    let mentee = r.text("--mentee", a.mentee.as_deref())?;
    let mentors = r.list("--mentor", &a.mentors)?;
    if mentors.is_empty() && !r.missing.contains(&"--mentor") {
        r.missing.push("--mentor");
    }
    let start = r.date("--start", a.start)?;
    r.finish("agreement")?;
    let (Some(mentee), Some(start)) = (mentee, start) else {
        bail!("internal error: a required value was not collected");
    };
    let end = match a.end {
        Some(end) => end,
        None => start
            .checked_add(3.years())
            .and_then(|d| d.checked_sub(1.day()))
            .context("the start date is too late for a default end date; give `--end`")?,
    };
    let id =
        a.id.clone()
            .unwrap_or_else(|| format!("{}-{mentee}", start.year()));
    let text = format!(
        "---\nid: {id}\nmentee: {mentee}\nmentors: {}\nstart: {start}\nplanned_end: {end}\n\
         meeting_frequency: {}\nmodality: {}\nconfidentiality_acknowledged: true\ngoals: []\n\
         signatures: []\nstatus: proposed\n---\n{AGREEMENT_BODY}",
        flow_list(&mentors),
        a.frequency,
        a.modality
    );
    create(
        program,
        format!("agreements/{id}.md"),
        text,
        a.write.dry_run,
    )
}

fn group(a: &NewGroupArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&a.write)?;
    let mut r = Required::new();
    let id = r.text("ID", a.id.as_deref())?;
    let name = r.text("--name", a.name.as_deref())?;
    let year = r.text("--year", a.year.as_deref())?;
    let facilitator = r.text("--facilitator", a.facilitator.as_deref())?;
    let members = r.list("--members", &a.members)?;
    r.finish("group")?;
    let (Some(id), Some(name), Some(year), Some(facilitator)) = (id, name, year, facilitator)
    else {
        bail!("internal error: a required value was not collected");
    };
    let text = format!(
        "---\nid: {id}\nname: {}\nacademic_year: {}\nfacilitator: {facilitator}\nmembers: {}\nsessions: []\n---\n",
        scalar(&name),
        scalar(&year),
        flow_list(&members)
    );
    create(program, format!("groups/{id}.md"), text, a.write.dry_run)
}

fn summary(a: &NewSummaryArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&a.write)?;
    let mut r = Required::new();
    let mentee = r.text("--mentee", a.mentee.as_deref())?;
    let year = r.text("--year", a.year.as_deref())?;
    r.finish("summary")?;
    let (Some(mentee), Some(year)) = (mentee, year) else {
        bail!("internal error: a required value was not collected");
    };
    let text = format!(
        "---\nmentee: {mentee}\nacademic_year: {}\n---\nWhat went well this year, what did not, and what I want to discuss at the\ncareer-planning conference.\n",
        scalar(&year)
    );
    create(
        program,
        format!("summaries/{year}/{mentee}.md"),
        text,
        a.write.dry_run,
    )
}

fn assessment(a: &NewAssessmentArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&a.write)?;
    let mut r = Required::new();
    let person = r.text("--person", a.person.as_deref())?;
    let instrument = r.text("--instrument", a.instrument.as_deref())?;
    let phase = r.text("--phase", a.phase.as_deref())?;
    if a.responses.is_none() && !r.interactive {
        r.missing.push("--responses");
    }
    r.finish("self-assessment")?;
    let (Some(person), Some(instrument), Some(phase)) = (person, instrument, phase) else {
        bail!("internal error: a required value was not collected");
    };
    let date = a.date.unwrap_or(program.as_of);
    let responses: Vec<(String, String)> = match &a.responses {
        Some(file) => read_responses(file)?,
        None => {
            // Item by item, with the item's text shown.
            let loaded = write::model(Vec::new(), program.as_of)?;
            let Some(inst) = loaded.instrument(&instrument) else {
                bail!("no instrument `{instrument}`; see `schema/instruments/`");
            };
            let mut out = Vec::new();
            for item in &inst.items {
                let answer: i64 = dialoguer::Input::new()
                    .with_prompt(format!(
                        "{} {} ({}-{})",
                        item.id, item.text, inst.scale.min, inst.scale.max
                    ))
                    .interact_text()?;
                out.push((item.id.clone(), answer.to_string()));
            }
            out
        }
    };
    let mut text = format!(
        "---\nperson: {person}\ninstrument: {instrument}\ndate: {date}\nphase: {phase}\nresponses:\n"
    );
    for (item, response) in &responses {
        text.push_str(&format!("  {item}: {response}\n"));
    }
    text.push_str("---\n");
    create(
        program,
        format!("assessments/{person}/{date}-{instrument}.md"),
        text,
        a.write.dry_run,
    )
}

/// Reads `item,response` rows (a header row first); an error names the row.
fn read_responses(file: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut reader = csv::Reader::from_path(file)
        .with_context(|| format!("cannot read `{}`", file.display()))?;
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("`{}` row {}", file.display(), i + 2))?;
        let (Some(item), Some(response)) = (row.get(0), row.get(1)) else {
            bail!(
                "`{}` row {}: expected `item,response`",
                file.display(),
                i + 2
            );
        };
        let response = response.trim();
        if response.parse::<i64>().is_err() {
            bail!(
                "`{}` row {}, column `response`: `{response}` is not a whole number",
                file.display(),
                i + 2
            );
        }
        out.push((item.trim().to_owned(), response.to_owned()));
    }
    Ok(out)
}
