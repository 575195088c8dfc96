//! M312 `unpaired-mentee`: every mentee has a mentor (an active or proposed agreement) within
//! `rules.unpaired_days` (default 90) days of their start date.
//!
//! **What.** For every person with the role `mentee` whose `start_date` is on or before the
//! as-of date and who has never had an agreement that ended (concluded or replaced): the
//! deadline is `start_date` + `unpaired_days` days, the deadline day included. A mentee with an
//! agreement that has `status: active` or `proposed` and starts on or before the as-of date (a
//! draft counts: the director has proposed the mentor) is paired and has no row: the pair's
//! rows (M301, M302, M309) follow the pairing. So does a mentee whose agreement concluded or was
//! replaced. Otherwise the row is `on-track`, `due-soon` within `rules.due_soon_days`, or
//! `overdue` after the deadline; never `missed`, since a mentor can always still be found.
//!
//! **Why.** Seed 004 (`004_65843c9724f45156.txt`), intake: "The division's academic personnel
//! will notify the program's director when new junior faculty have been recruited"; "Program
//! director will provide recommendations regarding best fits for mentor-mentee pairing"; pairs
//! then meet quarterly ("Quarterly meetings should be sufficient"). The default of 90 days is that
//! first quarter: a recruit should not reach their first quarterly meeting without a mentor.
//!
//! **Example.** A mentee who started on 2025-07-01 and has no agreement is `overdue` as of
//! 2025-10-01: a mentor was due by 2025-09-29.
//!
//! **Source.** Seed 004.
//!
//! Hook-up: one line in `rules::evaluate`, the `Rule::UnpairedMentee` variant and the code
//! `M312` in `diag::code`; the rule reads only the people and agreements.

use super::period::add_days;
use super::{Context, Finding, Kind, Rule, Status, Unit};
use crate::model::{AgreementStatus, Role};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let days = cx.rules.unpaired_days;
    for p in &cx.program.people {
        if !p.has_role(Role::Mentee) || p.start_date > cx.as_of {
            continue;
        }
        let agreements: Vec<_> = cx
            .program
            .agreements_of(&p.id)
            .filter(|a| a.start <= cx.as_of)
            .collect();
        let was_paired = agreements.iter().any(|a| {
            matches!(
                a.status,
                AgreementStatus::Concluded | AgreementStatus::Replaced
            )
        });
        let current = agreements
            .iter()
            .filter(|a| a.status.is_pairing())
            .min_by_key(|a| a.start);
        // An agreement file with errors of its own is not loaded; by convention its id ends
        // with the mentee's id. Its errors are reported already: do not guess "unpaired" too.
        let suffix = format!("-{}", p.id);
        let maybe_paired = cx
            .program
            .unreadable
            .get(&crate::layout::RecordKind::Agreement)
            .is_some_and(|ids| ids.iter().any(|id| id.ends_with(&suffix)));
        if was_paired || current.is_some() || maybe_paired {
            // Paired: the pair's own rows say how the pairing goes.
            continue;
        }
        let due = add_days(p.start_date, i64::from(days));
        let status = cx.open_status(due);
        let message = match status {
            Status::Overdue => format!(
                "no active or proposed agreement {days} days after the start date {}; a mentor was due by {due}",
                p.start_date
            ),
            _ => format!(
                "no agreement yet; a mentor is due by {due} ({days} days after the start date {})",
                p.start_date
            ),
        };
        out.push(
            cx.person(Kind::Mentee, p)
                .finding(Rule::UnpairedMentee, cx.year_of(due), due, status)
                .counts(1, 0, Unit::Agreements)
                .texts(format!("a mentor by {due}"), "none".to_owned())
                .dates(Vec::new())
                .message(message)
                .help(format!(
                    "propose an agreement: `mentor new agreement --mentee {} --mentor <id> --start <date>`",
                    p.id
                ))
                .at_value(&p.path, "/start_date"),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Rule, Status};

    #[test_case("2025-09-29", Status::DueSoon; "the deadline day")]
    #[test_case("2025-09-30", Status::Overdue; "the day after")]
    #[test_case("2025-08-01", Status::OnTrack; "early")]
    fn a_mentee_without_an_agreement_is_due_a_mentor_in_90_days(as_of: &str, expected: Status) {
        let found = Fixture::new()
            .person("v", "2025-07-01", &["mentee"], json!({}))
            .eval(Rule::UnpairedMentee, as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].due, d("2025-09-29"));
        assert_eq!(found[0].status, expected);
    }

    #[test_case("proposed"; "a draft counts")]
    #[test_case("active"; "active")]
    #[test_case("concluded"; "a concluded pairing")]
    fn an_agreement_pairs_the_mentee(status: &str) {
        let extra = if status == "concluded" {
            json!({"status": status, "end": "2025-09-01"})
        } else {
            json!({"status": status})
        };
        let found = Fixture::new()
            .person("v", "2025-01-01", &["mentee"], json!({}))
            .person("m", "2000-01-01", &["mentor"], json!({}))
            .agreement("2025-v", "v", &["m"], ("2025-02-01", "2027-01-31"), extra)
            .eval(Rule::UnpairedMentee, "2025-12-01");
        assert!(found.is_empty(), "{found:?}");
        // Without the agreement, the same mentee is overdue.
        let unpaired = Fixture::new()
            .person("v", "2025-01-01", &["mentee"], json!({}))
            .eval(Rule::UnpairedMentee, "2025-12-01");
        assert_eq!(unpaired[0].status, Status::Overdue);
    }

    #[test]
    fn the_program_sets_the_days() {
        let found = Fixture::new()
            .rules(|r| r.unpaired_days = 30)
            .person("v", "2025-07-01", &["mentee"], json!({}))
            .eval(Rule::UnpairedMentee, "2025-08-15");
        assert_eq!(found[0].status, Status::Overdue);
    }
}
