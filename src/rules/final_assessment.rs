//! M311 `final-assessment`: after a concluded agreement the mentee takes a final
//! self-assessment within `rules.final_days` (default 60) days of its end.
//!
//! **What.** Only agreements with `status: concluded` whose `end` is on or before the as-of date.
//! The deadline is `end` + `final_days` days, the deadline day included. A self-assessment
//! counts when it was taken by the mentee with `phase: final`, is dated on or before the as-of
//! date, and either names this agreement or names none and is dated between the agreement's
//! start and the deadline. The earliest decides: `met` on or before the deadline, `missed`
//! after it; with none, `overdue` after the deadline, else `on-track` or `due-soon`. A replaced
//! agreement (mentor change) has no final assessment: the mentee carries on with the new one.
//!
//! **Why.** Seed 003 (`003_bfb36fdbc9b2763e.txt`), Conclude: "When you reach this end point, be
//! sure to distribute assessments to evaluate the success of the mentoring relationship and/or
//! program."
//!
//! **Example.** An agreement concluded on 2025-06-30 with a final self-assessment on 2025-07-15
//! is `met` (due by 2025-08-29).
//!
//! **Source.** Seed 003.

use super::assessment_deadline::Owed;
use super::{Context, Finding, Rule};
use crate::model::{AgreementStatus, Phase};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.program.agreements {
        let Some(end) = a.end else {
            continue;
        };
        if a.status != AgreementStatus::Concluded || end > cx.as_of || !cx.is_evaluable(a) {
            continue;
        }
        let owed = Owed {
            rule: Rule::FinalAssessment,
            phase: Phase::Final,
            agreement: a,
            from: ("end", end),
            days: cx.rules.final_days,
            untagged_from: a.start,
            this: "this concluded agreement",
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

    fn finals(status: &str, assessments: &[(&str, Option<&str>)], as_of: &str) -> Vec<Finding> {
        let mut extra = json!({"status": status, "end": "2025-06-30"});
        if status == "replaced" {
            extra["replaced_by"] = json!("2025-n");
            extra["change_approved_by"] = json!("c-director");
        }
        let mut fixture =
            Fixture::new().agreement("2023-m", "m", &["h"], ("2023-09-01", "2025-08-31"), extra);
        for (date, agreement) in assessments {
            fixture = fixture.assessment("m", date, "final", *agreement);
        }
        fixture.eval(Rule::FinalAssessment, as_of)
    }

    #[test_case(&[("2025-07-15", Some("2023-m"))], "2026-03-01", Status::Met; "tagged, on time")]
    #[test_case(&[("2025-08-29", None)], "2026-03-01", Status::Met; "untagged, on the deadline day")]
    #[test_case(&[("2025-06-20", None)], "2026-03-01", Status::Met; "untagged, at the last meeting")]
    #[test_case(&[("2025-08-30", Some("2023-m"))], "2026-03-01", Status::Missed; "a day late")]
    #[test_case(&[], "2025-08-30", Status::Overdue; "none after the deadline")]
    #[test_case(&[], "2025-08-01", Status::DueSoon; "none, 28 days left")]
    #[test_case(&[], "2025-07-01", Status::OnTrack; "none, the day after the end")]
    fn judges_the_final_assessment(
        assessments: &[(&str, Option<&str>)],
        as_of: &str,
        expected: Status,
    ) {
        let found = finals("concluded", assessments, as_of);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].status, found[0].due), (expected, d("2025-08-29")));
    }

    #[test]
    fn only_concluded_agreements_that_have_ended() {
        assert!(finals("replaced", &[], "2026-03-01").is_empty());
        assert!(finals("concluded", &[], "2025-06-29").is_empty());
    }
}
