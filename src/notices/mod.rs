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
    /// The date the thing is due (ISO 8601); for a welcome, the meeting with the director.
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
                // The welcome asks to meet: its date is the meeting's deadline when still open.
                let meeting = agenda.items.iter().find(|i| {
                    i.kind == DueKind::IntakeDirectorMeeting && i.subject == item.subject
                });
                let mut notice = base(
                    "welcome",
                    party(program, &first.id),
                    &first.name,
                    item,
                    &item.subject,
                );
                if let Some(meeting) = meeting {
                    notice.due = meeting.date;
                }
                out.push(notice);
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

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use serde_json::json;

    use super::*;
    use crate::model::ProgramConfig;

    fn program() -> Program {
        let mut program = Program::default();
        let people = [
            json!({"id": "c-placeholder", "name": "Dr. C. Placeholder", "rank": "professor",
                   "track": "clinician-educator", "start_date": "2004-07-01",
                   "roles": ["director", "mentor"], "email": "c@example.invalid"}),
            json!({"id": "a-example", "name": "Dr. A. Example", "rank": "assistant-professor",
                   "track": "clinician-educator", "start_date": "2026-01-05", "roles": ["mentee"],
                   "email": "a@example.invalid",
                   "intake": {"notified": "2026-01-02", "recommended_mentor": "c-placeholder"}}),
            json!({"id": "b-sample", "name": "Dr. B. Sample", "rank": "assistant-professor",
                   "track": "clinician-educator", "start_date": "2026-01-05", "roles": ["mentee"],
                   "email": "b@example.invalid",
                   "intake": {"notified": "2026-01-02", "welcomed": "2026-01-03",
                              "director_meeting": "2026-01-10", "recommended_mentor": "c-placeholder"}}),
        ];
        for p in people {
            program
                .people
                .push(serde_json::from_value(p).expect("person"));
        }
        program.config = Some(
            serde_json::from_value::<ProgramConfig>(json!({
                "name": "Example Program", "division": "Division of Example Medicine",
                "director": "c-placeholder", "chief": "c-placeholder"
            }))
            .expect("config"),
        );
        program.index();
        program
    }

    #[test]
    fn drafts_a_welcome_and_a_mentor_request_from_the_intake_block() {
        let program = program();
        let as_of = date(2026, 1, 12);
        let agenda = crate::due::agenda(&program, &crate::rules::evaluate(&program, as_of), 60);
        let list = notices(&program, &agenda).expect("a director");
        let kinds: Vec<(&str, &str)> = list.iter().map(|n| (n.kind, n.to.id.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("mentor-request", "c-placeholder"),
                ("welcome", "a-example")
            ]
        );
        // Only b-sample has met the director: the one mentor request is about them.
        assert_eq!(list[0].about, "Dr. B. Sample");
        let templates = templates(&[]).expect("built-ins parse");
        let (subject, body) = render(&templates, &list[1]).expect("renders");
        assert_eq!(subject, "Welcome to the Example Program");
        assert!(body.starts_with("Dear Dr. A. Example,"), "{body}");
        assert!(body.contains("2026-02-01"), "the meeting deadline: {body}");
    }
}
