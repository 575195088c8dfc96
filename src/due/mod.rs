//! [`Agenda`]: what falls due, as of a date and within a window of days, one [`DueItem`] per
//! obligation, soonest first. The rows of `mentor due`, its calendar files and its notice drafts.
//!
//! Pure: it takes the [`Program`] and the rules' [`Evaluation`] (from [`crate::rules::evaluate`])
//! and returns values. No files, no clock.
//!
//! Where the items come from:
//! - Every open rule finding (`overdue`, `due-soon`, `on-track` with a next due date): pair
//!   meetings (M301's next meeting by the cadence, M302's last possible date), group sessions
//!   and attendance (M303, M304), mentor community attendance (M305), the salary-support plan,
//!   fourth-year appraisal preparation and promotion packet (M306-M308), agreements waiting for
//!   signatures (M309), baseline and final self-assessments (M310, M311). One adapter,
//!   [`from_finding`], reads the findings' public fields.
//! - Intake steps from a person's `intake:` block (seed 004), counted from `notified` with the
//!   `rules.intake_*_days` parameters. A step is done when its date is recorded (an agreement
//!   naming the person as mentee also counts as `agreement_proposed`).
//! - Reminders nothing in the records marks as done, so they are listed while ahead and never
//!   become overdue: the fall-quarter notice to each mentee to meet the director before the
//!   career-planning conference (seed 004; the fall quarter is the academic year's second
//!   quarter, October to December with the default July 1 start), the director's quarterly
//!   report to the division chief at the end of each quarter (seed 004), and the monthly mentor
//!   community meeting (seed 001), listed for each month in the window with no meeting recorded.

pub mod ics;
pub mod render;

use std::fmt;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::model::Quarter;
use crate::model::{AcademicYear, Person, Program, Role};
use crate::rules::period::{add_days, days_between};
use crate::rules::{Evaluation, Finding, Rule, Status};

/// The default window of `mentor due`, in days after the as-of date.
pub const DEFAULT_DAYS: u32 = 60;

/// Where an item stands as of the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueStatus {
    /// Its date has passed and it is still open.
    Overdue,
    /// Due within `rules.due_soon_days` (default 30) days, the due day included, or a rule
    /// finding that the rules call `due-soon`.
    DueSoon,
    /// Due later in the window.
    Upcoming,
}

impl DueStatus {
    /// `overdue`, `due-soon` or `upcoming`.
    pub fn as_str(self) -> &'static str {
        match self {
            DueStatus::Overdue => "overdue",
            DueStatus::DueSoon => "due-soon",
            DueStatus::Upcoming => "upcoming",
        }
    }

    /// In words: `overdue`, `due soon`, `upcoming`.
    pub fn label(self) -> &'static str {
        match self {
            DueStatus::DueSoon => "due soon",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for DueStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    /// An open finding of a rule (M301-M311).
    Rule(Rule),
    /// Intake: the director's welcome email (seed 004).
    IntakeWelcome,
    /// Intake: the CV, asked for before the meeting (seed 004).
    IntakeCv,
    /// Intake: the 1-5 year career aspirations, asked for before the meeting (seed 004).
    IntakeAspirations,
    /// Intake: the one-hour meeting with the director (seed 004).
    IntakeDirectorMeeting,
    /// Intake: the director recommends a mentor and sends the request (seed 004).
    IntakeMentor,
    /// Intake: a mentoring agreement is proposed (seeds 003, 004).
    IntakeAgreement,
    /// The fall-quarter notice before the career-planning conference (seed 004).
    FallNotice,
    /// The director's quarterly written report to the division chief (seed 004).
    QuarterlyReport,
    /// The monthly mentor community meeting (seed 001).
    CommunityMeeting,
}

impl DueKind {
    /// Kebab-case name: the rule's name (`pair-meetings`) or `intake-welcome`, `intake-cv`,
    /// `intake-aspirations`, `intake-director-meeting`, `intake-mentor`, `intake-agreement`,
    /// `fall-notice`, `quarterly-report`, `community-meeting`.
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::Rule(rule) => rule.name(),
            DueKind::IntakeWelcome => "intake-welcome",
            DueKind::IntakeCv => "intake-cv",
            DueKind::IntakeAspirations => "intake-aspirations",
            DueKind::IntakeDirectorMeeting => "intake-director-meeting",
            DueKind::IntakeMentor => "intake-mentor",
            DueKind::IntakeAgreement => "intake-agreement",
            DueKind::FallNotice => "fall-notice",
            DueKind::QuarterlyReport => "quarterly-report",
            DueKind::CommunityMeeting => "community-meeting",
        }
    }

    /// The item in a few words ("Meetings per year", "Welcome email").
    pub fn title(self) -> &'static str {
        match self {
            DueKind::Rule(rule) => rule.title(),
            DueKind::IntakeWelcome => "Welcome email",
            DueKind::IntakeCv => "CV before the director meeting",
            DueKind::IntakeAspirations => "Career aspirations before the director meeting",
            DueKind::IntakeDirectorMeeting => "Meeting with the program director",
            DueKind::IntakeMentor => "Mentor recommended",
            DueKind::IntakeAgreement => "Mentoring agreement proposed",
            DueKind::FallNotice => "Fall-quarter career-planning notice",
            DueKind::QuarterlyReport => "Quarterly report to the division chief",
            DueKind::CommunityMeeting => "Mentor community meeting",
        }
    }

    /// The seed the obligation comes from (`seed 004`; `seed 003 Launch`).
    pub fn source(self) -> &'static str {
        match self {
            DueKind::Rule(rule) => match rule {
                Rule::GroupSessions | Rule::GroupAttendance => "seed 002",
                Rule::CommunityAttendance => "seed 001",
                Rule::AgreementSignature => "seed 003 Launch",
                Rule::BaselineAssessment => "seed 003 Prepare",
                Rule::FinalAssessment => "seed 003 Conclude",
                _ => "seed 004",
            },
            DueKind::IntakeAgreement => "seeds 003 and 004",
            DueKind::CommunityMeeting => "seed 001",
            _ => "seed 004",
        }
    }
}

impl fmt::Display for DueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DueKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A person an item concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Who {
    /// Person id (`a-example`).
    pub id: String,
    /// Display name (`Dr. A. Example`), or the id when the person is unknown.
    pub name: String,
}

/// One thing that falls due.
///
/// Serialised (JSON, CSV, templates) with every field; dates are ISO 8601 strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// The day it is due (inclusive); for overdue items, the day it was due.
    pub date: Date,
    /// What it is (`pair-meetings`, `intake-welcome`, `fall-notice`...).
    pub kind: DueKind,
    /// The rule's code (`M301`) for rule items, else `None`.
    pub code: Option<&'static str>,
    /// The item in a few words.
    pub title: String,
    /// What it is about: the finding's label (agreement id, group id, `group: member`, person
    /// id), the person for intake and notices, `2025-26-Q3` for a quarterly report, `2026-03`
    /// for a community meeting.
    pub subject: String,
    /// Who it concerns, in the order the source gives (mentee first for pairs).
    pub people: Vec<Who>,
    /// What to do, in words, with the numbers and dates; never a record's confidential text.
    pub what: String,
    /// Where the obligation comes from (`seed 004`).
    pub source: &'static str,
    /// Overdue, due soon or upcoming.
    pub status: DueStatus,
}

impl DueItem {
    /// Whether the item concerns person `id`.
    pub fn concerns(&self, id: &str) -> bool {
        self.people.iter().any(|w| w.id == id)
    }

    /// A stable identifier built from the item's identity (kind, subject and due date), never
    /// from the time of the run: `pair-meetings.2023-p-mockup.2026-06-30@mentor-records`.
    /// Characters other than ASCII letters, digits, `-` and `.` become `-`.
    pub fn uid(&self) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect()
        };
        format!(
            "{}.{}.{}@mentor-records",
            self.kind.as_str(),
            clean(&self.subject),
            self.date
        )
    }

    /// The names of the people, joined with `, `.
    pub fn names(&self) -> String {
        self.people
            .iter()
            .map(|w| w.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Everything due as of a date: overdue items and items due up to `until`, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    /// The as-of date.
    pub as_of: Date,
    /// The window, in days after the as-of date.
    pub days: u32,
    /// The window's last day (`as_of + days`).
    pub until: Date,
    /// The items, sorted by date, then kind, then subject.
    pub items: Vec<DueItem>,
}

impl Agenda {
    /// The items concerning person `id` only.
    pub fn for_person(&self, id: &str) -> Agenda {
        Agenda {
            items: self
                .items
                .iter()
                .filter(|i| i.concerns(id))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The ids of everyone some item concerns, sorted, without repeats.
    pub fn people(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .items
            .iter()
            .flat_map(|i| i.people.iter().map(|w| w.id.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// What falls due in `program` as of `as_of` (the same date `evaluation` was computed for) and
/// within `days` days after it, plus everything overdue. Rule findings that are `overdue` or
/// `due-soon` are always included, whatever the window, so every such row of `mentor status`
/// has its item.
pub fn agenda(program: &Program, evaluation: &Evaluation, days: u32) -> Agenda {
    let as_of = evaluation.as_of;
    let until = add_days(as_of, i64::from(days));
    let due_soon_days = program.rules().due_soon_days;
    let status_of = |date: Date| {
        if date < as_of {
            DueStatus::Overdue
        } else if days_between(as_of, date) <= i64::from(due_soon_days) {
            DueStatus::DueSoon
        } else {
            DueStatus::Upcoming
        }
    };
    let mut items: Vec<DueItem> = evaluation
        .findings
        .iter()
        .filter_map(|f| from_finding(program, f))
        .filter(|i| i.status != DueStatus::Upcoming || i.date <= until)
        .collect();
    let cx = Cx {
        program,
        as_of,
        until,
    };
    let mut own = Vec::new();
    cx.intake(&mut own);
    cx.fall_notices(&mut own);
    cx.quarterly_reports(&mut own);
    cx.community_meetings(&mut own);
    items.extend(own.into_iter().filter_map(|mut item| {
        item.status = status_of(item.date);
        (item.status == DueStatus::Overdue || item.date <= until).then_some(item)
    }));
    items.sort_by(|a, b| {
        (a.date, a.kind, &a.subject, a.status).cmp(&(b.date, b.kind, &b.subject, b.status))
    });
    items.dedup_by(|a, b| a.uid() == b.uid());
    Agenda {
        as_of,
        days,
        until,
        items,
    }
}

/// The one adapter from the rules' findings: an open finding with a next due date becomes an
/// item on that date (`overdue` stays overdue, `due-soon` due soon, `on-track` upcoming).
fn from_finding(program: &Program, f: &Finding) -> Option<DueItem> {
    let status = match f.status {
        Status::Overdue => DueStatus::Overdue,
        Status::DueSoon => DueStatus::DueSoon,
        Status::OnTrack => DueStatus::Upcoming,
        Status::Missed | Status::Met => return None,
    };
    let date = f.next_due?;
    let action = f.rule.action();
    let kind = DueKind::Rule(f.rule);
    Some(DueItem {
        date,
        kind,
        code: Some(f.code.id()),
        title: format!("{}: {}", f.rule.title(), f.name),
        subject: f.label.clone(),
        people: f.people.iter().map(|id| who(program, id)).collect(),
        what: format!(
            "{action} (required: {}; done: {}; period ends {})",
            f.required_text, f.done_text, f.due
        ),
        source: kind.source(),
        status,
    })
}

fn who(program: &Program, id: &str) -> Who {
    Who {
        id: id.to_owned(),
        name: program
            .person(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone()),
    }
}

struct Cx<'a> {
    program: &'a Program,
    as_of: Date,
    until: Date,
}

impl Cx<'_> {
    fn director(&self) -> Option<Who> {
        let id = self.program.config.as_ref()?.director.as_str();
        Some(who(self.program, id))
    }

    fn chief(&self) -> Option<Who> {
        let id = self.program.config.as_ref()?.chief.as_str();
        Some(who(self.program, id))
    }

    /// The person, then the director (if known and someone else).
    fn with_director(&self, p: &Person) -> Vec<Who> {
        let mut people = vec![who(self.program, &p.id)];
        people.extend(self.director().filter(|d| d.id != p.id));
        people
    }

    fn item(
        &self,
        kind: DueKind,
        date: Date,
        subject: &str,
        people: Vec<Who>,
        what: String,
    ) -> DueItem {
        DueItem {
            date,
            kind,
            code: None,
            title: kind.title().to_owned(),
            subject: subject.to_owned(),
            people,
            what,
            source: kind.source(),
            status: DueStatus::Upcoming,
        }
    }

    /// Open intake steps, from `intake.notified` (seed 004). Steps recorded after the as-of
    /// date are not yet done.
    fn intake(&self, out: &mut Vec<DueItem>) {
        let rules = self.program.rules();
        let known = |d: Option<Date>| d.filter(|d| *d <= self.as_of);
        for p in &self.program.people {
            let Some(intake) = &p.intake else { continue };
            let Some(notified) = known(intake.notified) else {
                continue;
            };
            let name = &p.name;
            let people = self.with_director(p);
            let welcome_by = add_days(notified, i64::from(rules.intake_welcome_days));
            let meeting_by = add_days(notified, i64::from(rules.intake_meeting_days));
            let met = known(intake.director_meeting);
            let mentor_by = add_days(
                met.unwrap_or(meeting_by),
                i64::from(rules.intake_mentor_days),
            );
            let recommended = known(intake.mentor_recommended);
            let agreement_by = add_days(
                recommended.unwrap_or(mentor_by),
                i64::from(rules.intake_agreement_days),
            );
            let has_agreement = self.program.agreements_of(&p.id).next().is_some();
            let steps = [
                (
                    known(intake.welcomed).is_none(),
                    DueKind::IntakeWelcome,
                    welcome_by,
                    format!(
                        "send {name} the welcome email with an overview of the program, ask for a CV and a brief paragraph of 1-5 year career aspirations, and ask to meet for one hour"
                    ),
                ),
                (
                    known(intake.cv_received).is_none(),
                    DueKind::IntakeCv,
                    meeting_by,
                    format!("{name} forwards a CV before the meeting with the director"),
                ),
                (
                    known(intake.aspirations_received).is_none(),
                    DueKind::IntakeAspirations,
                    meeting_by,
                    format!(
                        "{name} forwards a brief paragraph of 1-5 year career aspirations before the meeting with the director"
                    ),
                ),
                (
                    met.is_none(),
                    DueKind::IntakeDirectorMeeting,
                    meeting_by,
                    format!(
                        "hold the one-hour initial meeting of {name} with the program director"
                    ),
                ),
                (
                    recommended.is_none(),
                    DueKind::IntakeMentor,
                    mentor_by,
                    format!(
                        "recommend a mentor for {name} and send the request to that senior faculty member"
                    ),
                ),
                (
                    known(intake.agreement_proposed).is_none() && !has_agreement,
                    DueKind::IntakeAgreement,
                    agreement_by,
                    format!("propose a mentoring agreement for {name} and the recommended mentor"),
                ),
            ];
            for (open, kind, date, what) in steps {
                if open {
                    out.push(self.item(kind, date, &p.id, people.clone(), what));
                }
            }
        }
    }

    /// Academic years whose days overlap the as-of date up to the window's end.
    fn years(&self) -> Vec<AcademicYear> {
        let start = self.program.year_start();
        let mut year = AcademicYear::containing(self.as_of, start);
        let last = AcademicYear::containing(self.until, start);
        let mut years = vec![year];
        while year < last {
            year = year.next();
            years.push(year);
        }
        years
    }

    /// The fall-quarter notice to each mentee (seed 004), due the fall quarter's last day;
    /// listed from the as-of date to that day, never overdue (nothing records it).
    fn fall_notices(&self, out: &mut Vec<DueItem>) {
        for year in self.years() {
            let fall = Quarter { year, number: 2 };
            let (first, last) = (fall.first_day(self.program), fall.last_day(self.program));
            if last < self.as_of {
                continue;
            }
            for p in self
                .program
                .people
                .iter()
                .filter(|p| p.has_role(Role::Mentee))
            {
                if p.start_date > last {
                    continue;
                }
                let what = format!(
                    "notify {} during the fall quarter ({first} to {last}) to meet the program director before the annual career-planning conference with the division chief",
                    p.name
                );
                out.push(self.item(
                    DueKind::FallNotice,
                    last,
                    &format!("{year}.{}", p.id),
                    self.with_director(p),
                    what,
                ));
            }
        }
    }

    /// The director's quarterly written report to the division chief, due each quarter's last
    /// day (seed 004); listed while ahead.
    fn quarterly_reports(&self, out: &mut Vec<DueItem>) {
        let people: Vec<Who> = self.director().into_iter().chain(self.chief()).collect();
        for year in self.years() {
            for number in 1..=4 {
                let q = Quarter { year, number };
                let last = q.last_day(self.program);
                if last < self.as_of {
                    continue;
                }
                let what = format!(
                    "write the quarterly report for {q} to the division chief (`mentor report --quarter {q}`)"
                );
                out.push(self.item(
                    DueKind::QuarterlyReport,
                    last,
                    &q.to_string(),
                    people.clone(),
                    what,
                ));
            }
        }
    }

    /// The monthly mentor community meeting (seed 001), due each month's last day from the
    /// as-of date's month to the window's end, unless a meeting is recorded in that month (on
    /// or before the as-of date). Only for programs with a mentor community (a name in
    /// `program.md` or a `community/` record).
    fn community_meetings(&self, out: &mut Vec<DueItem>) {
        let has_community = self
            .program
            .config
            .as_ref()
            .is_some_and(|c| c.mentor_community.is_some())
            || !self.program.communities.is_empty();
        if !has_community {
            return;
        }
        let held: Vec<Date> = self
            .program
            .communities
            .iter()
            .flat_map(|c| c.meetings.iter().map(|m| m.date))
            .filter(|d| *d <= self.as_of)
            .collect();
        let mut people: Vec<Who> = self.director().into_iter().collect();
        for p in self
            .program
            .people
            .iter()
            .filter(|p| p.has_role(Role::Mentor))
        {
            if !people.iter().any(|w| w.id == p.id) {
                people.push(who(self.program, &p.id));
            }
        }
        let name = self
            .program
            .config
            .as_ref()
            .and_then(|c| c.mentor_community.clone())
            .unwrap_or_else(|| "the mentor community".to_owned());
        let mut month = self.as_of.first_of_month();
        while month <= self.until {
            let last = month.last_of_month();
            let met = held
                .iter()
                .any(|d| d.year() == month.year() && d.month() == month.month());
            if !met {
                let subject = format!("{:04}-{:02}", month.year(), month.month());
                let what = format!(
                    "hold this month's one-hour meeting of {name} (monthly, seed 001), by {last}"
                );
                out.push(self.item(
                    DueKind::CommunityMeeting,
                    last,
                    &subject,
                    people.clone(),
                    what,
                ));
            }
            month = add_days(last, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use serde_json::json;

    use super::*;

    fn program(people: serde_json::Value) -> Program {
        let mut program = Program::default();
        for value in people.as_array().into_iter().flatten() {
            let person: Person = serde_json::from_value(value.clone()).expect("a person");
            program.people.push(person);
        }
        program.index();
        program
    }

    fn person(id: &str, intake: serde_json::Value) -> serde_json::Value {
        json!({
            "id": id, "name": format!("Dr. {id}"), "rank": "assistant-professor",
            "track": "clinician-educator", "start_date": "2026-01-05", "roles": ["mentee"],
            "intake": intake,
        })
    }

    fn kinds(agenda: &Agenda) -> Vec<(Date, &'static str, DueStatus)> {
        agenda
            .items
            .iter()
            .filter(|i| i.kind.as_str().starts_with("intake"))
            .map(|i| (i.date, i.kind.as_str(), i.status))
            .collect()
    }

    #[test]
    fn lists_open_intake_steps_from_the_notification() {
        let p = program(json!([person(
            "a-example",
            json!({"notified": "2026-01-02", "cv_received": "2026-01-20"})
        )]));
        let as_of = date(2026, 1, 20);
        let agenda = agenda(&p, &crate::rules::evaluate(&p, as_of), 60);
        assert_eq!(
            kinds(&agenda),
            [
                (date(2026, 1, 16), "intake-welcome", DueStatus::Overdue),
                (date(2026, 2, 1), "intake-aspirations", DueStatus::DueSoon),
                (
                    date(2026, 2, 1),
                    "intake-director-meeting",
                    DueStatus::DueSoon
                ),
                (date(2026, 2, 15), "intake-mentor", DueStatus::DueSoon),
                (date(2026, 3, 17), "intake-agreement", DueStatus::Upcoming),
            ]
        );
    }

    #[test]
    fn counts_later_steps_from_the_recorded_ones_and_ignores_future_dates() {
        let p = program(json!([person(
            "a-example",
            json!({"notified": "2026-01-02", "welcomed": "2026-01-05", "cv_received": "2026-01-10",
                   "aspirations_received": "2026-01-10", "director_meeting": "2026-01-12",
                   "mentor_recommended": "2026-03-01"})
        )]));
        let agenda = agenda(&p, &crate::rules::evaluate(&p, date(2026, 1, 20)), 60);
        assert_eq!(
            kinds(&agenda),
            [
                (date(2026, 1, 26), "intake-mentor", DueStatus::DueSoon),
                (date(2026, 2, 25), "intake-agreement", DueStatus::Upcoming),
            ]
        );
    }

    #[test]
    fn window_limits_upcoming_items_but_keeps_overdue_ones() {
        let p = program(json!([person(
            "a-example",
            json!({"notified": "2025-06-02"})
        )]));
        let agenda = agenda(&p, &crate::rules::evaluate(&p, date(2026, 1, 20)), 10);
        assert!(agenda.items.iter().all(|i| i.date <= date(2026, 1, 30)));
        assert!(kinds(&agenda).iter().all(|k| k.2 == DueStatus::Overdue));
        assert_eq!(kinds(&agenda).len(), 6);
        let dates: Vec<Date> = agenda.items.iter().map(|i| i.date).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "soonest first");
    }

    #[test]
    fn uids_name_kind_subject_and_date() {
        let p = program(json!([person(
            "a-example",
            json!({"notified": "2026-01-02"})
        )]));
        let agenda = agenda(&p, &crate::rules::evaluate(&p, date(2026, 1, 3)), 60);
        let uid = agenda.items[0].uid();
        assert_eq!(uid, "intake-welcome.a-example.2026-01-16@mentor-records");
        let mut uids: Vec<String> = agenda.items.iter().map(DueItem::uid).collect();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), agenda.items.len(), "unique");
    }
}
