//! The shared judgement of M310 `baseline-assessment` and M311 `final-assessment`: one
//! self-assessment a mentee owes an agreement within a number of days of one of its dates.
//!
//! The deadline is that date plus the days, the deadline day included. An assessment counts when
//! the agreement's mentee took it in the owed phase, on or before the as-of date, and it either
//! names this agreement (`agreement: <id>`) or names none and is dated within the rule's window.
//! The earliest one decides: `met` on or before the deadline, `missed` after it; with none,
//! `overdue` after the deadline, else `on-track` or `due-soon`. Each rule's module says which
//! date, phase and window it uses, and cites its seed.

use jiff::civil::Date;

use super::period::add_days;
use super::{Context, Finding, Rule, Status, Unit};
use crate::model::{Agreement, Phase};

/// One owed self-assessment of one agreement.
pub(super) struct Owed<'a> {
    /// M310 or M311.
    pub rule: Rule,
    /// The owed phase ([`Phase::Baseline`], [`Phase::Final`]).
    pub phase: Phase,
    /// The agreement that owes it.
    pub agreement: &'a Agreement,
    /// The agreement's field the deadline counts from (`start`, `end`) and its date.
    pub from: (&'static str, Date),
    /// Days from that date to the deadline (`rules.baseline_days`, `rules.final_days`).
    pub days: u32,
    /// The first day on which an assessment that names no agreement still counts; the window
    /// runs to the deadline.
    pub untagged_from: Date,
    /// How a message names the agreement when none was taken ("this agreement").
    pub this: &'static str,
}

impl Owed<'_> {
    /// The finding for this agreement as of `cx.as_of`, placed on the late assessment's `date`
    /// when it was `missed`, else on the agreement's `from` field; `None` when its status is not
    /// kept.
    pub(super) fn judge(&self, cx: &Context<'_>) -> Option<Finding> {
        let Owed {
            rule,
            phase,
            agreement: a,
            from: (field, from),
            days,
            untagged_from,
            this,
        } = *self;
        let name = phase.as_str();
        let due = add_days(from, i64::from(days));
        let first = cx
            .program
            .assessments_of(&a.mentee)
            .filter(|s| s.phase == phase && s.date <= cx.as_of)
            .filter(|s| match &s.agreement {
                Some(id) => *id == a.id,
                None => untagged_from <= s.date && s.date <= due,
            })
            .min_by_key(|s| (s.date, s.path.as_str()));
        let status = match first {
            Some(s) if s.date <= due => Status::Met,
            Some(_) => Status::Missed,
            None => cx.open_status(due),
        };
        if !cx.keeps(status) {
            return None;
        }
        let deadline = format!("due by {due} ({days} days after the {field} {from})");
        let message = match (first, status) {
            (Some(s), Status::Met) => format!(
                "{name} self-assessment of `{}` taken on {}; {deadline}",
                a.mentee, s.date
            ),
            (Some(s), _) => format!(
                "{name} self-assessment of `{}` taken on {}, after the deadline {due} ({days} days after the {field} {from})",
                a.mentee, s.date
            ),
            (None, _) => format!(
                "no {name} self-assessment of `{}` for {this}; {deadline}",
                a.mentee
            ),
        };
        let finding = cx
            .pair(a)
            .finding(rule, cx.year_of(due), due, status)
            .counts(1, u32::from(status == Status::Met), Unit::Assessments)
            .texts(
                format!("{name} by {due}"),
                first.map_or_else(|| "none".to_owned(), |s| s.date.to_string()),
            )
            .dates(first.map(|s| s.date).into_iter().collect())
            .message(message)
            .help(format!(
                "add `assessments/{}/<date>-<instrument>.md` with `phase: {name}` and `agreement: {}`",
                a.mentee, a.id
            ));
        Some(match first {
            Some(s) if status == Status::Missed => finding.at_value(&s.path, "/date"),
            _ => finding.at_value(&a.path, format!("/{field}")),
        })
    }
}
