//! The rule engine: meeting frequency, attendance and deadlines, as of any date.
//!
//! [`evaluate`] applies every rule to a [`Program`] as of a date and returns an [`Evaluation`]:
//! one [`Finding`] per rule, subject and period (or deadline), each with a [`Status`] (`met`,
//! `on-track`, `due-soon`, `overdue`, `missed`). [`Evaluation::view`] picks the rows of one
//! academic year for `mentor status` and the reports; [`diagnostics`] turns `overdue` and
//! `missed` findings into `mentor check` warnings (M301-M311, severity configurable per rule).
//!
//! Pure: values in, values out. No files, no clock: the as-of date is passed in, and records
//! dated after it (meetings, sessions, signatures, assessments, milestone dates, an agreement's
//! `end`) are ignored, so the same records can be viewed as of any day in their history. Every
//! rule's module doc is its user documentation (What / Why / Example / Source); the proration and
//! status semantics are written up in `docs/rules.md`.

mod agreement_signature;
mod assessment_deadline;
mod baseline_assessment;
mod community_attendance;
mod final_assessment;
mod finding;
mod group_attendance;
mod group_sessions;
mod meeting_gap;
mod milestones;
mod pair_meetings;
pub mod period;
mod rule;
mod severity;
pub mod standing;
mod unpaired_mentee;
mod view;

use jiff::civil::Date;

pub use finding::{Finding, Kind, Status, Unit};
pub use rule::Rule;
pub use severity::diagnostics;
pub use standing::{ByWhose, Standing, Whose, standing};
pub use view::{Counts, EarlierYear, StatusView};

use crate::model::{AcademicYear, Agreement, Person, Program, Rules, YearStart};
use finding::Subject;
use period::Period;

/// Every finding of every rule as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The as-of date (ISO 8601): nothing after it is counted.
    pub as_of: Date,
    /// When the program's academic year starts (default July 1).
    pub year_start: YearStart,
    /// All findings, in evaluation order (rule by rule, record by record). Use
    /// [`Evaluation::view`] for a sorted table.
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// The academic year containing the as-of date.
    pub fn current_year(&self) -> AcademicYear {
        AcademicYear::containing(self.as_of, self.year_start)
    }
}

/// Applies every rule to `program` as of `as_of`.
pub fn evaluate(program: &Program, as_of: Date) -> Evaluation {
    evaluate_keeping(program, as_of, |_| true)
}

/// [`evaluate`], keeping only the findings `mentor check` reports (`overdue` and `missed`,
/// [`Status::is_reported`]): the other rows are dropped as each rule finishes, so they are never
/// all held at once (at 5,000 faculty, 33,000 of 35,000 rows and about 15 MB).
pub fn evaluate_reported(program: &Program, as_of: Date) -> Evaluation {
    evaluate_keeping(program, as_of, Status::is_reported)
}

fn evaluate_keeping(program: &Program, as_of: Date, keep: fn(Status) -> bool) -> Evaluation {
    let cx = Context {
        program,
        as_of,
        rules: program.rules(),
        year_start: program.year_start(),
        keep,
    };
    // Each rule reads the program and nothing else, so they run side by side; the findings
    // keep this order.
    let rules: [RuleFn; 10] = [
        pair_meetings::evaluate,
        meeting_gap::evaluate,
        group_sessions::evaluate,
        group_attendance::evaluate,
        community_attendance::evaluate,
        milestones::evaluate,
        agreement_signature::evaluate,
        baseline_assessment::evaluate,
        final_assessment::evaluate,
        unpaired_mentee::evaluate,
    ];
    let found = crate::parallel::map(&rules, |evaluate| {
        let mut findings = Vec::new();
        evaluate(&cx, &mut findings);
        // The rules skip the words of rows not kept where they can; these go here.
        findings.retain(|f| keep(f.status));
        findings
    });
    let mut findings = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for mut rule_findings in found {
        findings.append(&mut rule_findings);
    }
    Evaluation {
        as_of,
        year_start: cx.year_start,
        findings,
    }
}

/// One rule's evaluation: its findings, appended in record order.
type RuleFn = fn(&Context<'_>, &mut Vec<Finding>);

/// What every rule needs: the program, the date, the parameters.
struct Context<'a> {
    program: &'a Program,
    as_of: Date,
    rules: Rules,
    year_start: YearStart,
    /// Which rows are kept (see [`evaluate_reported`]): a rule may skip building a row whose
    /// status is not kept.
    keep: fn(Status) -> bool,
}

impl Context<'_> {
    /// Whether a row with `status` is kept: when not, the rule need not build it.
    fn keeps(&self, status: Status) -> bool {
        (self.keep)(status)
    }

    /// The academic year containing `date`.
    fn year_of(&self, date: Date) -> AcademicYear {
        AcademicYear::containing(date, self.year_start)
    }

    /// The days of academic year `year`.
    fn year_period(&self, year: AcademicYear) -> Period {
        Period::year(year, self.year_start)
    }

    /// The academic years that overlap `span`, from its first up to the year containing the
    /// as-of date (later years have not begun).
    fn years(&self, span: Period) -> Vec<AcademicYear> {
        let last = self.year_of(span.last.min(self.as_of));
        let mut year = self.year_of(span.first);
        let mut years = Vec::new();
        while year <= last {
            years.push(year);
            year = year.next();
        }
        years
    }

    /// [`period::open_status`] with the program's due-soon window.
    fn open_status(&self, due: Date) -> Status {
        period::open_status(due, self.as_of, self.rules.due_soon_days)
    }

    /// A person's name, or their id when there is no such person.
    fn name(&self, id: &str) -> String {
        self.program
            .person(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    /// The agreement's days as known on the as-of date: from `start` to `end` when it ended on
    /// or before the as-of date, else to `planned_end` (a later `end` was not known yet).
    /// `None` for an agreement that starts after the as-of date, whose dates are reversed, or
    /// that is not [evaluable](Self::is_evaluable), or that is still a draft (`proposed`).
    fn agreement_span(&self, a: &Agreement) -> Option<Period> {
        if a.start > self.as_of
            || !self.is_evaluable(a)
            || a.status == crate::model::AgreementStatus::Proposed
        {
            return None;
        }
        let end = match a.end {
            Some(end) if end <= self.as_of => end,
            _ => a.planned_end,
        };
        Period::new(a.start, end)
    }

    /// Whether the rules apply to the agreement: its mentee is a person the program knows. An
    /// agreement naming an unknown or unreadable mentee is already an error (M203), and findings
    /// built on it would only repeat that.
    fn is_evaluable(&self, a: &Agreement) -> bool {
        self.program.person(&a.mentee).is_some()
    }

    /// Whether the agreement ended (its actual `end`) on or before the as-of date.
    fn has_ended(&self, a: &Agreement) -> bool {
        a.end.is_some_and(|end| end <= self.as_of)
    }

    /// The subject of a pair's rows.
    fn pair(&self, a: &Agreement) -> Subject {
        let mentors: Vec<String> = a.mentors.iter().map(|m| self.name(m)).collect();
        let mut people = vec![a.mentee.clone()];
        people.extend(a.mentors.iter().cloned());
        Subject {
            kind: Kind::Pair,
            id: a.id.clone(),
            label: a.id.clone(),
            name: format!("{} with {}", self.name(&a.mentee), mentors.join(" and ")),
            people,
        }
    }

    /// The subject of a person's rows.
    fn person(&self, kind: Kind, p: &Person) -> Subject {
        Subject {
            kind,
            id: p.id.clone(),
            label: p.id.clone(),
            name: p.name.clone(),
            people: vec![p.id.clone()],
        }
    }
}

#[cfg(test)]
pub(crate) mod fixture;
