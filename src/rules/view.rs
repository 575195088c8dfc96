//! [`StatusView`]: the rows of one academic year, worst first, as `mentor status` prints them and
//! the reports render them. Plain serialisable data for templates.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::{Evaluation, Finding, Status};
use crate::model::AcademicYear;

/// The status table for one academic year as of a date.
///
/// Rows are the findings whose `year` is the chosen year; when that year is the one containing
/// the as-of date, rows of other years that are still open (`overdue`, `due-soon`,
/// `on-track`: an unmet milestone due later, a deadline missed last year and still not met)
/// are included too, so the current view shows everything that still needs doing. Sorted worst
/// first: `missed`, `overdue`, `due-soon`, `on-track`, `met`; then by next due date (or
/// deadline), rule and subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusView {
    /// The as-of date (ISO 8601).
    pub as_of: Date,
    /// The academic year shown (`2025-26`).
    pub year: AcademicYear,
    /// Whether `year` contains the as-of date.
    pub is_current: bool,
    /// The rows, worst first.
    pub rows: Vec<Finding>,
    /// How many rows have each status.
    pub counts: Counts,
    /// Earlier academic years with `missed` rows (not shown in `rows`), latest first.
    pub earlier: Vec<EarlierYear>,
}

/// Row counts by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rows `missed`.
    pub missed: usize,
    /// Rows `overdue`.
    pub overdue: usize,
    /// Rows `due-soon`.
    pub due_soon: usize,
    /// Rows `on-track`.
    pub on_track: usize,
    /// Rows `met`.
    pub met: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Missed => self.missed += 1,
            Status::Overdue => self.overdue += 1,
            Status::DueSoon => self.due_soon += 1,
            Status::OnTrack => self.on_track += 1,
            Status::Met => self.met += 1,
        }
    }

    /// The count for `status`.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Missed => self.missed,
            Status::Overdue => self.overdue,
            Status::DueSoon => self.due_soon,
            Status::OnTrack => self.on_track,
            Status::Met => self.met,
        }
    }
}

/// An earlier academic year that has `missed` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EarlierYear {
    /// The year (`2024-25`).
    pub year: AcademicYear,
    /// How many of its rows are `missed`.
    pub missed: usize,
}

impl StatusView {
    /// Keeps only the rows for which `keep` is true (a `--only`, `--person`, `--rule` or
    /// `--group` filter) and recounts them; `earlier` is left as it is.
    pub fn retain(&mut self, keep: impl Fn(&Finding) -> bool) {
        self.rows.retain(|r| keep(r));
        let mut counts = Counts::default();
        for row in &self.rows {
            counts.add(row.status);
        }
        self.counts = counts;
    }
}

impl Evaluation {
    /// The status table of `year` (default: the year containing the as-of date).
    pub fn view(&self, year: Option<AcademicYear>) -> StatusView {
        let current = self.current_year();
        let year = year.unwrap_or(current);
        let is_current = year == current;
        let mut rows: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| f.year == year || (is_current && f.status.is_open()))
            .cloned()
            .collect();
        rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut counts = Counts::default();
        for row in &rows {
            counts.add(row.status);
        }
        let mut earlier: BTreeMap<AcademicYear, usize> = BTreeMap::new();
        for f in &self.findings {
            if f.year < year && f.status == Status::Missed {
                *earlier.entry(f.year).or_default() += 1;
            }
        }
        StatusView {
            as_of: self.as_of,
            year,
            is_current,
            rows,
            counts,
            earlier: earlier
                .into_iter()
                .rev()
                .map(|(year, missed)| EarlierYear { year, missed })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::AcademicYear;
    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Rule, Status, evaluate};

    #[test]
    fn shows_the_current_year_and_open_rows_worst_first() {
        let program = Fixture::new()
            .rules(|r| r.community_attendance_min = 0)
            .person("v", "2024-07-01", &["mentee"], json!({}))
            .agreement(
                "2024-a",
                "v",
                &["b"],
                ("2024-07-01", "2027-06-30"),
                json!({}),
            )
            .meetings("2024-a", &["2024-09-01", "2025-10-01"])
            .assessment("v", "2024-07-15", "baseline", Some("2024-a"))
            .build();
        let evaluation = evaluate(&program, d("2026-03-01"));
        let view = evaluation.view(None);
        assert_eq!(view.year.to_string(), "2025-26");
        let rows: Vec<(Status, Rule, String)> = view
            .rows
            .iter()
            .map(|r| (r.status, r.rule, r.year.to_string()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Status::Overdue, Rule::SalaryPlan, "2025-26".to_owned()),
                (Status::OnTrack, Rule::MeetingGap, "2025-26".to_owned()),
                (Status::OnTrack, Rule::PairMeetings, "2025-26".to_owned()),
                (Status::OnTrack, Rule::AppraisalPrep, "2027-28".to_owned()),
            ]
        );
        assert_eq!((view.counts.overdue, view.counts.on_track), (1, 3));
        assert_eq!(view.earlier.len(), 1);
        assert_eq!(
            (view.earlier[0].year.to_string(), view.earlier[0].missed),
            ("2024-25".to_owned(), 2)
        );

        // Issue 18 item 3: naming the current year is the same as no `--year`, open rows of
        // other years (the 2027-28 milestone) included.
        assert_eq!(evaluation.view(Some(AcademicYear::new(2025))), view);

        let past = evaluation.view(Some(AcademicYear::new(2024)));
        assert!(!past.is_current);
        let statuses: Vec<(Status, Rule)> = past.rows.iter().map(|r| (r.status, r.rule)).collect();
        assert_eq!(
            statuses,
            vec![
                (Status::Missed, Rule::MeetingGap),
                (Status::Missed, Rule::PairMeetings),
                (Status::Met, Rule::AgreementSignature),
                (Status::Met, Rule::BaselineAssessment),
            ]
        );
    }

    /// Issue 18 item 4: a requirement of 0 gives no rows for the counting rules, not `met` rows.
    #[test]
    fn a_requirement_of_zero_gives_no_rows() {
        let zero = |change: fn(&mut crate::model::Rules)| {
            Fixture::new()
                .rules(change)
                .person("v", "2024-07-01", &["mentee"], json!({}))
                .person("b", "2020-07-01", &["mentor"], json!({}))
                .agreement(
                    "2024-a",
                    "v",
                    &["b"],
                    ("2024-07-01", "2027-06-30"),
                    json!({}),
                )
                .meetings("2024-a", &["2024-09-01"])
                .group("2024-g", "2024-25", &["v"], &[("2024-10-01", &["v"][..])])
                .community("2024-25", &[("2024-09-10", &["b"][..])])
                .build()
        };
        let rows = |program: &crate::model::Program, rule: Rule| {
            evaluate(program, d("2025-03-01"))
                .findings
                .iter()
                .filter(|f| f.rule == rule)
                .count()
        };
        let defaults = zero(|_| {});
        for rule in [
            Rule::PairMeetings,
            Rule::GroupSessions,
            Rule::GroupAttendance,
            Rule::CommunityAttendance,
        ] {
            assert!(rows(&defaults, rule) > 0, "{rule} has rows by default");
        }
        let none = |change, rule| assert_eq!(rows(&zero(change), rule), 0, "{rule}");
        none(|r| r.pair_meetings_per_year = 0, Rule::PairMeetings);
        none(|r| r.group_sessions_per_year = 0, Rule::GroupSessions);
        none(|r| r.group_attendance_min = 0, Rule::GroupAttendance);
        none(
            |r| r.community_attendance_min = 0,
            Rule::CommunityAttendance,
        );
    }
}
