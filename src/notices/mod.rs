//! [`Notice`]: the email drafts `mentor notices` writes, as plain data for the templates
//! (`templates/notices/<kind>.tera`), built from the [`Program`] and its [`Agenda`]. Pure.
//!
//! Four kinds, all from the program director (seed 004):
//! - `welcome`: to a new recruit whose intake has `notified` but no `welcomed` date: the
//!   welcome email asking for a CV, the 1-5 year career aspirations and a one-hour meeting.
//! - `mentor-request`: to the senior faculty member in `intake.recommended_mentor`, once the
//!   director has met the recruit (`director_meeting`) and no `mentor_recommended` date is
//!   recorded.
//! - `fall-notice`: to each mentee with a fall-quarter notice in the agenda: meet the director
//!   before the annual career-planning conference with the division chief.
//! - `reminder`: to each member of a pair whose meetings are `overdue` or `due-soon`
//!   (rules M301, M302).
//!
//! A notice carries names, dates and what is due, nothing else: never a record's body (career
//! aspirations, summaries), an assessment answer or a meeting's details.

pub mod eml;

use crate::report::{TemplateError, Templates};

use jiff::civil::Date;
use serde::Serialize;

use crate::due::{Agenda, DueItem, DueKind, DueStatus, Who};
use crate::model::{Person, Program};
use crate::rules::Rule;

/// A person on a notice: id, name and email address (if the record has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Person id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Email address, `None` when the record has no `email`.
    pub email: Option<String>,
}

/// One email draft, before rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `welcome`, `mentor-request`, `fall-notice` or `reminder`; the template's name.
    pub kind: &'static str,
    /// The recipient.
    pub to: Party,
    /// The sender: the program director.
    pub from: Party,
    /// The program's name.
    pub program: String,
    /// The person the notice is about (the recruit, the mentee), by name.
    pub about: String,
    /// The date the thing is due (ISO 8601).
    pub due: Date,
    /// What is due, in a few words ("Meetings per year").
    pub title: String,
    /// Whether it is already overdue.
    pub overdue: bool,
    /// The as-of date.
    pub as_of: Date,
    /// A file name stem unique per notice and recipient (`welcome-x-nominal`).
    pub stem: String,
}

fn party(program: &Program, id: &str) -> Party {
    let person = program.person(id);
    Party {
        id: id.to_owned(),
        name: person.map_or_else(|| id.to_owned(), |p| p.name.clone()),
        email: person.and_then(|p| p.email.clone()),
    }
}

fn stem(kind: &str, subject: &str, to: &str) -> String {
    let clean: String = subject
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if clean == to {
        format!("{kind}-{to}")
    } else {
        format!("{kind}-{clean}-{to}")
    }
}

/// The notices due as of the agenda's date: every welcome, mentor request, fall-quarter notice
/// and pair reminder, one per recipient, sorted by file stem. `None` when the program has no
/// director (no `program.md`).
pub fn notices(program: &Program, agenda: &Agenda) -> Option<Vec<Notice>> {
    let director = program.config.as_ref()?.director.clone();
    let from = party(program, &director);
    let name = program
        .config
        .as_ref()
        .map_or_else(String::new, |c| c.name.clone());
    let base = |kind: &'static str, to: Party, about: &str, item: &DueItem, subject: &str| Notice {
        kind,
        stem: stem(kind, subject, &to.id),
        to,
        from: from.clone(),
        program: name.clone(),
        about: about.to_owned(),
        due: item.date,
        title: item.title.clone(),
        overdue: item.status == DueStatus::Overdue,
        as_of: agenda.as_of,
    };
    let mut out = Vec::new();
    for item in &agenda.items {
        let Some(first) = item.people.first() else {
            continue;
        };
        match item.kind {
            DueKind::IntakeWelcome => {
                out.push(base(
                    "welcome",
                    party(program, &first.id),
                    &first.name,
                    item,
                    &item.subject,
                ));
            }
            DueKind::IntakeMentor => {
                let recruit = program.person(&first.id);
                let met = recruit
                    .and_then(|p| p.intake.as_ref())
                    .and_then(|i| i.director_meeting)
                    .is_some_and(|d| d <= agenda.as_of);
                if let Some(mentor) = recruit.and_then(recommended).filter(|_| met) {
                    out.push(base(
                        "mentor-request",
                        party(program, mentor),
                        &first.name,
                        item,
                        &item.subject,
                    ));
                }
            }
            DueKind::FallNotice => {
                out.push(base(
                    "fall-notice",
                    party(program, &first.id),
                    &first.name,
                    item,
                    &first.id,
                ));
            }
            DueKind::Rule(Rule::PairMeetings | Rule::MeetingGap)
                if item.status != DueStatus::Upcoming =>
            {
                for who in &item.people {
                    let Who { id, .. } = who;
                    out.push(base(
                        "reminder",
                        party(program, id),
                        &first.name,
                        item,
                        &format!("{}-{}", item.kind, item.subject),
                    ));
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| a.stem.cmp(&b.stem));
    out.dedup_by(|a, b| a.stem == b.stem);
    Some(out)
}

fn recommended(p: &Person) -> Option<&str> {
    p.intake.as_ref()?.recommended_mentor.as_deref()
}

/// The built-in notice templates, `(file name, text)`: `templates/notices/<kind>.tera` in this
/// repository. A program's `templates/notices/<kind>.tera` replaces the one of that name.
pub const BUILT_IN: [(&str, &str); 4] = [
    (
        "notices/welcome.tera",
        include_str!("../../templates/notices/welcome.tera"),
    ),
    (
        "notices/mentor-request.tera",
        include_str!("../../templates/notices/mentor-request.tera"),
    ),
    (
        "notices/fall-notice.tera",
        include_str!("../../templates/notices/fall-notice.tera"),
    ),
    (
        "notices/reminder.tera",
        include_str!("../../templates/notices/reminder.tera"),
    ),
];

/// Loads the notice templates: the built-ins, then `overrides` (`(file name, text)` pairs from
/// the program's `templates/notices/` folder, named like `welcome.tera`).
///
/// # Errors
/// [`TemplateError`] naming the template that does not parse.
pub fn templates(overrides: &[(String, String)]) -> Result<Templates, TemplateError> {
    let mut all: Vec<(String, String)> = BUILT_IN
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    all.extend(
        overrides
            .iter()
            .map(|(n, t)| (format!("notices/{n}"), t.clone())),
    );
    Templates::new(&all)
}

/// Renders `notice` with its template (`notices/<kind>`) into a subject (the first line,
/// `Subject: ...`) and a plain-text body (the rest).
///
/// # Errors
/// [`TemplateError`] when the template fails or its first line is not `Subject: ...`.
pub fn render(templates: &Templates, notice: &Notice) -> Result<(String, String), TemplateError> {
    let name = format!("notices/{}", notice.kind);
    let text = templates.render(&name, notice)?;
    let (first, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    let subject = first
        .strip_prefix("Subject:")
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match subject {
        Some(subject) => Ok((
            subject.to_owned(),
            body.trim_start_matches(['\r', '\n']).to_owned(),
        )),
        None => Err(TemplateError {
            name,
            origin: String::new(),
            message: "the first line must be `Subject: ...` (the email's subject)".to_owned(),
        }),
    }
}
