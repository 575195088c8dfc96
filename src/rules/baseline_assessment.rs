//! M310 `baseline-assessment`: the mentee takes a baseline self-assessment within
//! `rules.baseline_days` (default 60) days of the agreement's start.
//!
//! **What.** The deadline is `start` + `baseline_days` days, the deadline day included. A
//! self-assessment counts when it was taken by the agreement's mentee with `phase: baseline`,
//! is dated on or before the as-of date, and either names this agreement (`agreement: <id>`) or
//! names none and is dated from 90 days before the start up to the deadline (a baseline taken
//! while preparing the pairing). The earliest one decides: `met` if on or before the deadline,
//! `missed` if after it (late). With none: `overdue` after the deadline, else `on-track` or
//! `due-soon`. An agreement that replaces another after a mentor change needs its own baseline.
//!
//! **Why.** Seed 003 (`003_bfb36fdbc9b2763e.txt`), Prepare: "assess your mentees' baseline of
//! skills and understanding. By administering a pre-assessment to mentees you will have data to
//! compare and show growth over time."
//!
//! **Example.** An agreement starting 2025-09-02 with a baseline on 2025-10-07 is `met` (due by
//! 2025-11-01).
//!
//! **Source.** Seed 003.

use super::assessment_deadline::Owed;
use super::period::add_days;
use super::{Context, Finding, Rule};
use crate::model::Phase;

/// How far before the start an assessment without `agreement` still counts as the baseline.
const BEFORE_START_DAYS: i64 = 90;

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.program.agreements {
        if a.start > cx.as_of || !cx.is_evaluable(a) {
            continue;
        }
        let owed = Owed {
            rule: Rule::BaselineAssessment,
            phase: Phase::Baseline,
            agreement: a,
            from: ("start", a.start),
            days: cx.rules.baseline_days,
            untagged_from: add_days(a.start, -BEFORE_START_DAYS),
            this: "this agreement",
        };
        out.extend(owed.judge(cx));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Rule, Status};

    fn baseline(assessments: &[(&str, &str, Option<&str>)], as_of: &str) -> Finding {
        let mut fixture = Fixture::new().agreement(
            "2025-x",
            "x",
            &["g"],
            ("2025-09-02", "2027-08-31"),
            json!({}),
        );
        for (date, phase, agreement) in assessments {
            fixture = fixture.assessment("x", date, phase, *agreement);
        }
        let mut found = fixture.eval(Rule::BaselineAssessment, as_of);
        assert_eq!(found.len(), 1);
        found.remove(0)
    }

    #[test_case(&[("2025-10-07", "baseline", Some("2025-x"))], "2026-03-01", Status::Met; "tagged, on time")]
    #[test_case(&[("2025-11-01", "baseline", None)], "2026-03-01", Status::Met; "untagged, on the deadline day")]
    #[test_case(&[("2025-06-04", "baseline", None)], "2026-03-01", Status::Met; "untagged, 90 days before the start")]
    #[test_case(&[("2025-06-03", "baseline", None)], "2026-03-01", Status::Overdue; "untagged, 91 days before the start")]
    #[test_case(&[("2025-11-02", "baseline", Some("2025-x"))], "2026-03-01", Status::Missed; "tagged, a day late")]
    #[test_case(&[("2025-10-07", "baseline", Some("2024-other"))], "2026-03-01", Status::Overdue; "another agreement's baseline")]
    #[test_case(&[("2025-10-07", "midpoint", Some("2025-x"))], "2026-03-01", Status::Overdue; "not a baseline")]
    #[test_case(&[], "2025-10-01", Status::OnTrack; "none yet, a month in")]
    #[test_case(&[], "2025-10-02", Status::DueSoon; "none yet, thirty days left")]
    fn judges_the_baseline(
        assessments: &[(&str, &str, Option<&str>)],
        as_of: &str,
        expected: Status,
    ) {
        let f = baseline(assessments, as_of);
        assert_eq!(f.status, expected);
        assert_eq!(f.due, d("2025-11-01"));
    }

    #[test]
    fn points_at_a_late_assessment() {
        let f = baseline(&[("2025-11-02", "baseline", Some("2025-x"))], "2026-03-01");
        assert_eq!(
            (f.path.as_str(), f.pointer.as_str()),
            (
                "assessments/x/2025-11-02-mentee-career-self-assessment.md",
                "/date"
            )
        );
    }
}
