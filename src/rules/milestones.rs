//! M306 `salary-plan`, M307 `appraisal-prep`, M308 `promotion-packet`: a mentee's career
//! milestones, each due on a date computed from the person's record.
//!
//! **What.** For every person with the role `mentee` whose `start_date` is on or before the
//! as-of date:
//! - `salary-plan` is due `start_date` + `rules.salary_plan_months` (default 18) months;
//! - `appraisal-prep` is due `start_date` + `rules.appraisal_prep_months` (default 36) months;
//! - `promotion-packet`, only when `promotion_due` is set, is due `promotion_due` −
//!   `rules.promotion_packet_months_before` (default 6) months.
//!
//! Months are calendar months and the day is clamped to the month's length (a start on
//! 2024-08-31 makes the salary plan due 2026-02-28; February 29 + 12 months is February 28).
//! A milestone is `met` when `milestones.<name>` holds a date on or before the as-of date (a
//! late date still meets it; the row says how late). Otherwise it is `on-track`, `due-soon`
//! within `rules.due_soon_days` of the due date, or `overdue` after it (the due day itself is
//! not overdue). A milestone is never `missed`: it can always still be done.
//!
//! **Why.** Seed 004 (`004_65843c9724f45156.txt`): the salary question "needs to be addressed
//! no later than year 1.5"; "Ensuring mentees are prepared, in advance for their fourth-year
//! appraisal"; "Assist mentees to prepare for packet for promotion to associate professorship 6
//! months prior to the due date".
//!
//! **Example.** A mentee who started on 2024-07-01 with no `milestones.salary_plan` is
//! `overdue` as of 2026-03-01: the plan was due by 2026-01-01.
//!
//! **Source.** Seed 004.

use jiff::civil::Date;

use super::period::{add_months, days_between};
use super::{Context, Finding, Kind, Rule, Status, Unit};
use crate::model::{Person, Role};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for p in &cx.program.people {
        if !p.has_role(Role::Mentee) || p.start_date > cx.as_of {
            continue;
        }
        let r = cx.rules;
        let salary = add_months(p.start_date, i64::from(r.salary_plan_months));
        out.extend(milestone(
            cx,
            p,
            Milestone {
                rule: Rule::SalaryPlan,
                key: "salary_plan",
                what: "salary-support plan",
                due: salary,
                basis: format!(
                    "{} months after the start date {}",
                    r.salary_plan_months, p.start_date
                ),
                anchor: "/start_date",
                recorded: p.milestones.salary_plan,
            },
        ));
        let appraisal = add_months(p.start_date, i64::from(r.appraisal_prep_months));
        out.extend(milestone(
            cx,
            p,
            Milestone {
                rule: Rule::AppraisalPrep,
                key: "appraisal_prep",
                what: "preparation for the fourth-year appraisal",
                due: appraisal,
                basis: format!(
                    "{} months after the start date {}",
                    r.appraisal_prep_months, p.start_date
                ),
                anchor: "/start_date",
                recorded: p.milestones.appraisal_prep,
            },
        ));
        if let Some(promotion_due) = p.promotion_due {
            let months = i64::from(r.promotion_packet_months_before);
            out.extend(milestone(
                cx,
                p,
                Milestone {
                    rule: Rule::PromotionPacket,
                    key: "promotion_packet",
                    what: "promotion packet",
                    due: add_months(promotion_due, -months),
                    basis: format!(
                        "{} months before the promotion due date {promotion_due}",
                        r.promotion_packet_months_before
                    ),
                    anchor: "/promotion_due",
                    recorded: p.milestones.promotion_packet,
                },
            ));
        }
    }
}

struct Milestone {
    rule: Rule,
    /// The key under `milestones:`.
    key: &'static str,
    what: &'static str,
    due: Date,
    /// Why it is due then, in words.
    basis: String,
    /// Where the due date comes from in the person's record.
    anchor: &'static str,
    recorded: Option<Date>,
}

/// The row of milestone `m` of mentee `p`; `None` when its status is not kept.
fn milestone(cx: &Context<'_>, p: &Person, m: Milestone) -> Option<Finding> {
    let Milestone {
        rule,
        key,
        what,
        due,
        basis,
        anchor,
        recorded,
    } = m;
    let done = recorded.filter(|d| *d <= cx.as_of);
    let status = match done {
        Some(_) => Status::Met,
        None => cx.open_status(due),
    };
    if !cx.keeps(status) {
        return None;
    }
    let done_text = match done {
        Some(d) if d > due => format!("{d} ({} days late)", days_between(due, d)),
        Some(d) => d.to_string(),
        None => "not recorded".to_owned(),
    };
    let message = match (done, status) {
        (Some(d), _) => format!("{what} recorded on {d}; due by {due} ({basis})"),
        (None, Status::Overdue) => format!(
            "{what} was due by {due} ({basis}) and `milestones.{key}` is not recorded; {} overdue",
            plural_days(days_between(due, cx.as_of))
        ),
        (None, _) => {
            format!("{what} due by {due} ({basis}); `milestones.{key}` is not recorded yet")
        }
    };
    let finding = cx
        .person(Kind::Mentee, p)
        .finding(rule, cx.year_of(due), due, status)
        .counts(1, u32::from(done.is_some()), Unit::Milestones)
        .texts(format!("by {due}"), done_text)
        .dates(done.into_iter().collect())
        .message(message)
        .help(format!(
            "when it is done, record the date under `milestones:` as `{key}: YYYY-MM-DD`"
        ));
    Some(if done.is_some() {
        finding.at_value(&p.path, format!("/milestones/{key}"))
    } else {
        finding.at_value(&p.path, anchor)
    })
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Rule, Status};

    fn mentee(start: &str, extra: serde_json::Value, rule: Rule, as_of: &str) -> Vec<Finding> {
        Fixture::new()
            .person("v", start, &["mentee"], extra)
            .person("m", "2000-01-01", &["mentor"], json!({}))
            .eval(rule, as_of)
    }

    #[test_case("2024-07-01", "2026-01-01"; "first of the month")]
    #[test_case("2024-08-31", "2026-02-28"; "31st into february")]
    #[test_case("2022-08-31", "2024-02-29"; "31st into a leap february")]
    #[test_case("2024-02-29", "2025-08-29"; "february 29 start")]
    fn salary_plan_is_due_eighteen_months_after_the_start(start: &str, due: &str) {
        let found = mentee(start, json!({}), Rule::SalaryPlan, "2030-01-01");
        assert_eq!(found[0].due, d(due));
    }

    #[test_case(json!({}), "2025-12-01", Status::OnTrack; "thirty-one days before")]
    #[test_case(json!({}), "2025-12-02", Status::DueSoon; "thirty days before")]
    #[test_case(json!({}), "2026-01-01", Status::DueSoon; "the due day itself")]
    #[test_case(json!({}), "2026-01-02", Status::Overdue; "the day after")]
    #[test_case(json!({"milestones": {"salary_plan": "2025-09-01"}}), "2026-03-01", Status::Met; "recorded")]
    #[test_case(json!({"milestones": {"salary_plan": "2026-02-01"}}), "2026-03-01", Status::Met; "recorded late")]
    #[test_case(json!({"milestones": {"salary_plan": "2026-02-01"}}), "2026-01-15", Status::Overdue; "recorded after the as-of date")]
    fn judges_the_salary_plan(extra: serde_json::Value, as_of: &str, expected: Status) {
        let found = mentee("2024-07-01", extra, Rule::SalaryPlan, as_of);
        assert_eq!(found.len(), 1, "only the mentee has milestones");
        assert_eq!(found[0].status, expected);
    }

    #[test]
    fn writes_how_overdue_a_milestone_is() {
        let found = mentee("2024-07-01", json!({}), Rule::SalaryPlan, "2026-03-01");
        assert_eq!(
            found[0].message,
            "salary-support plan was due by 2026-01-01 (18 months after the start date 2024-07-01) and `milestones.salary_plan` is not recorded; 59 days overdue"
        );
        assert_eq!(
            (found[0].path.as_str(), found[0].pointer.as_str()),
            ("people/v.md", "/start_date")
        );
        assert_eq!(found[0].year.to_string(), "2025-26");
    }

    #[test]
    fn says_how_late_a_late_milestone_was() {
        let extra = json!({"milestones": {"salary_plan": "2026-02-01"}});
        let found = mentee("2024-07-01", extra, Rule::SalaryPlan, "2026-03-01");
        assert_eq!(found[0].done_text, "2026-02-01 (31 days late)");
        assert_eq!(found[0].pointer, "/milestones/salary_plan");
    }

    #[test]
    fn appraisal_prep_is_due_three_years_after_the_start() {
        let found = mentee("2023-08-14", json!({}), Rule::AppraisalPrep, "2026-03-01");
        assert_eq!(
            (found[0].due, found[0].status),
            (d("2026-08-14"), Status::OnTrack)
        );
    }

    #[test_case("2027-07-01", "2027-01-01"; "first of july")]
    #[test_case("2028-08-31", "2028-02-29"; "31st back onto a leap february")]
    fn promotion_packet_is_due_six_months_before_promotion(promotion: &str, due: &str) {
        let found = mentee(
            "2021-08-01",
            json!({"promotion_due": promotion}),
            Rule::PromotionPacket,
            "2026-03-01",
        );
        assert_eq!(found[0].due, d(due));
        assert_eq!(found[0].pointer, "/promotion_due");
    }

    #[test]
    fn no_promotion_packet_without_a_promotion_date_or_before_the_start() {
        assert!(mentee("2021-08-01", json!({}), Rule::PromotionPacket, "2026-03-01").is_empty());
        assert!(mentee("2026-09-01", json!({}), Rule::SalaryPlan, "2026-03-01").is_empty());
    }
}
