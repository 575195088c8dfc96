//! [`Finding`]: one rule applied to one subject for one period or deadline, with its status as
//! of a date. Findings are the rows of `mentor status` and of the reports' status tables, and the
//! source of the rule diagnostics of `mentor check`.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use super::Rule;
use crate::diag::{Code, Part};
use crate::model::AcademicYear;

/// Where an obligation stands as of the as-of date. Ordered worst first, so sorting by status
/// puts `missed` at the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A closed period fell short, or a deadline passed and the thing was done late. It stays
    /// visible in history; nothing can change it any more.
    Missed,
    /// A deadline passed and the obligation is still open (it can still be done).
    Overdue,
    /// Not met yet and due within `rules.due_soon_days` (default 30) days, the due day included.
    DueSoon,
    /// Not met yet, and neither overdue nor due soon.
    OnTrack,
    /// Done.
    Met,
}

impl Status {
    /// Every status, worst first.
    pub const ALL: [Status; 5] = [
        Status::Missed,
        Status::Overdue,
        Status::DueSoon,
        Status::OnTrack,
        Status::Met,
    ];

    /// The status in words, for readers of the reports: `missed`, `overdue`, `due soon`,
    /// `on track` or `met`.
    pub fn label(self) -> &'static str {
        match self {
            Status::DueSoon => "due soon",
            Status::OnTrack => "on track",
            other => other.as_str(),
        }
    }

    /// `missed`, `overdue`, `due-soon`, `on-track` or `met`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missed => "missed",
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::OnTrack => "on-track",
            Status::Met => "met",
        }
    }

    /// Whether the obligation can still change: `overdue`, `due-soon` or `on-track`.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Overdue | Status::DueSoon | Status::OnTrack)
    }

    /// Whether `mentor check` reports it: `overdue` or `missed`.
    pub fn is_reported(self) -> bool {
        matches!(self, Status::Overdue | Status::Missed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A mentoring pair: one agreement (its mentee and mentors). Rules M301, M302, M309-M311.
    Pair,
    /// A peer mentoring group as a whole. Rule M303.
    Group,
    /// One member of a peer mentoring group. Rule M304.
    Member,
    /// A mentor in the mentor community. Rule M305.
    Mentor,
    /// A mentee's career milestone or pairing. Rules M306-M308, M312.
    Mentee,
}

impl Kind {
    /// `pair`, `group`, `member`, `mentor` or `mentee`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pair => "pair",
            Kind::Group => "group",
            Kind::Member => "member",
            Kind::Mentor => "mentor",
            Kind::Mentee => "mentee",
        }
    }
}

/// What a count in [`Finding::required`] and [`Finding::done`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Pair meetings (M301).
    Meetings,
    /// Days between meetings (M302): `required` is the longest allowed gap, `done` the gap.
    Days,
    /// Group sessions held (M303) or attended (M304).
    Sessions,
    /// Mentor community meetings attended (M305).
    CommunityMeetings,
    /// A milestone recorded (M306-M308): 1 required, 0 or 1 done.
    Milestones,
    /// Signatures dated by the deadline (M309): one per party.
    Signatures,
    /// Self-assessments on time (M310, M311): 1 required, 0 or 1 done.
    Assessments,
    /// Active or proposed agreements of a mentee (M312): 1 required, 0 or 1 done.
    Agreements,
}

/// One row of the status table: a rule applied to one subject for one academic year (periodic
/// rules) or one deadline (milestones, launch rules and meeting gaps), with its status as of the
/// evaluation's as-of date.
///
/// Serialised (JSON, templates) with every field below except the pointer; dates are ISO 8601
/// strings, `year` is like `"2025-26"`, `rule` is the rule's name and `code` its `M3xx` code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule (`pair-meetings`).
    pub rule: Rule,
    /// The rule's code (`M301`).
    pub code: Code,
    /// What the row is about: `pair`, `group`, `member`, `mentor` or `mentee`.
    pub kind: Kind,
    /// The id of the record the row is about: the agreement id for pairs, the group id for
    /// groups and members, the person id for mentors and mentees.
    pub subject: String,
    /// A short label for tables: the subject id, plus `: <member id>` for members.
    pub label: String,
    /// Names for people to read: "Dr. P. Mockup with Dr. G. Notreal", a group's name, or a
    /// person's name.
    pub name: String,
    /// Ids of the people the row concerns (mentee then mentors for pairs; the member, mentor or
    /// mentee otherwise; the facilitator for groups), for per-person reports.
    pub people: Vec<String>,
    /// The academic year the row belongs to: the period for per-year rules (M301, M303-M305),
    /// else the year containing `due`.
    pub year: AcademicYear,
    /// How many were required (for M302: the longest allowed gap in days).
    pub required: u32,
    /// How many were done (for M302: the gap in days; for M309-M311: done on time).
    pub done: u32,
    /// What `required` and `done` count.
    pub unit: Unit,
    /// What was required, in words, without the year ("2 meetings", "2 meetings (153 of 365
    /// days)", "at most 183 days", "by 2026-01-01").
    pub required_text: String,
    /// What was done, in words ("1 (last 2025-03-04)", "362 days since 2025-03-04",
    /// "not recorded").
    pub done_text: String,
    /// The status as of the as-of date.
    pub status: Status,
    /// The deadline (inclusive): the end of the period for per-year rules (the year's last day,
    /// or the agreement's end if earlier), else the rule's deadline. ISO 8601.
    pub due: Date,
    /// When the next thing is due, for open rows (`on-track`, `due-soon`, `overdue`); `None`
    /// once met or missed.
    pub next_due: Option<Date>,
    /// The dates of what was done (meetings, sessions attended, signatures, the milestone or
    /// assessment date), ascending.
    pub dates: Vec<Date>,
    /// One sentence with the rule's numbers and dates, as `mentor check` reports it.
    pub message: String,
    /// Relative path of the record a diagnostic points at (`/` separators).
    pub path: String,
    /// JSON Pointer into that record's front matter (`/meetings`).
    #[serde(skip)]
    pub pointer: String,
    /// Whether the diagnostic points at the key or the value at `pointer`.
    #[serde(skip)]
    pub part: Part,
    /// How to fix it, for the diagnostic.
    #[serde(skip)]
    pub help: Option<String>,
}

impl Finding {
    /// The sort key of the status table: status (worst first), then the next due date or the
    /// deadline (earliest first), then rule, label and year.
    pub fn sort_key(&self) -> (Status, Date, Rule, &str, AcademicYear) {
        (
            self.status,
            self.next_due.unwrap_or(self.due),
            self.rule,
            &self.label,
            self.year,
        )
    }
}

/// `1 meeting`, `2 meetings`.
pub(crate) fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `0`, or `3 (last 2026-01-13)`.
pub(crate) fn count_with_last(done: u32, last: Option<&Date>) -> String {
    match last {
        Some(last) if done > 0 => format!("{done} (last {last})"),
        _ => done.to_string(),
    }
}

/// Dates joined with `, `.
pub(crate) fn list_dates(dates: &[Date]) -> String {
    dates
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who or what a finding is about; [`Subject::finding`] starts a row for it.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    pub(crate) kind: Kind,
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) name: String,
    pub(crate) people: Vec<String>,
}

impl Subject {
    /// A row of `rule` for this subject, due on `due`, with `status`. `next_due` is `due` while
    /// the row is open; counts, texts and the location are filled in by the builder methods.
    pub(crate) fn finding(
        &self,
        rule: Rule,
        year: AcademicYear,
        due: Date,
        status: Status,
    ) -> Finding {
        Finding {
            rule,
            code: rule.code(),
            kind: self.kind,
            subject: self.id.clone(),
            label: self.label.clone(),
            name: self.name.clone(),
            people: self.people.clone(),
            year,
            required: 0,
            done: 0,
            unit: Unit::Meetings,
            required_text: String::new(),
            done_text: String::new(),
            status,
            due,
            next_due: status.is_open().then_some(due),
            dates: Vec::new(),
            message: String::new(),
            path: String::new(),
            pointer: String::new(),
            part: Part::Value,
            help: None,
        }
    }
}

impl Finding {
    /// Sets what is counted, how many were required and how many done.
    pub(crate) fn counts(mut self, required: u32, done: u32, unit: Unit) -> Self {
        self.required = required;
        self.done = done;
        self.unit = unit;
        self
    }

    /// Sets the required and done columns in words.
    pub(crate) fn texts(mut self, required: impl Into<String>, done: impl Into<String>) -> Self {
        self.required_text = required.into();
        self.done_text = done.into();
        self
    }

    /// Sets the dates of what was done.
    pub(crate) fn dates(mut self, dates: Vec<Date>) -> Self {
        self.dates = dates;
        self
    }

    /// Sets the next due date (for open rows whose next step is not the deadline itself).
    pub(crate) fn next_due(mut self, next_due: Option<Date>) -> Self {
        self.next_due = next_due;
        self
    }

    /// Sets the one-sentence message.
    pub(crate) fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets the help line of the diagnostic.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at the key at `pointer` in the record at `path`.
    pub(crate) fn at_key(mut self, path: &str, pointer: impl Into<String>) -> Self {
        self.path = path.to_owned();
        self.pointer = pointer.into();
        self.part = Part::Key;
        self
    }

    /// Points the diagnostic at the value at `pointer` in the record at `path`.
    pub(crate) fn at_value(mut self, path: &str, pointer: impl Into<String>) -> Self {
        self.path = path.to_owned();
        self.pointer = pointer.into();
        self.part = Part::Value;
        self
    }
}
