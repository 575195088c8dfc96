//! M301 `pair-meetings`: a mentoring pair meets at least `rules.pair_meetings_per_year` times
//! (default 2) in every academic year of its agreement, prorated for partial years.
//!
//! **What.** For each agreement and each academic year it overlaps (up to the year containing
//! the as-of date), the pair owes `ceil(required × covered days / days in the year)` meetings,
//! where the covered days run from the later of the agreement's start and the year's first day
//! to the earlier of the agreement's end (`end` if it ended by the as-of date, else
//! `planned_end`) and the year's last day. The meetings counted are the log's dates in those
//! covered days, up to the as-of date. The requirement falls due on the last covered day.
//! Status: `met` once enough meetings are logged; before the due day `on-track`, or `due-soon`
//! within `rules.due_soon_days`; after it, `missed`. It is never `overdue`: a year still under
//! way is judged at its end (the gap rule M302 catches a pair that has stopped meeting).
//!
//! **Why.** Seed 004 (`004_65843c9724f45156.txt`): "Mentees should plan on meeting with their
//! assigned mentor at least twice a year"; "Quarterly meetings should be sufficient with a
//! division minimum of twice a year." Only the meeting dates are kept, "to ensure compliance".
//!
//! **Example.** An agreement active all of 2024-25 with one logged meeting (2025-03-04) is
//! `missed` as of 2026-03-01: "2 meetings required in 2024-25, 1 held (2025-03-04); the period
//! ended 2025-06-30". A replaced agreement that ended on 2024-11-30 covers 153 of 365 days of
//! 2024-25 and owes `ceil(2 × 153 / 365)` = 1 meeting.
//!
//! **Source.** Seed 004.

use jiff::civil::Date;

use super::finding::{list_dates, plural};
use super::{Context, Finding, Rule, Status, Unit, period};
use crate::layout::RecordKind;
use crate::model::Agreement;

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let per_year = cx.rules.pair_meetings_per_year;
    if per_year == 0 {
        return;
    }
    for a in &cx.program.agreements {
        if cx.program.is_unreadable(RecordKind::MeetingLog, &a.id) {
            continue;
        }
        let Some(span) = cx.agreement_span(a) else {
            continue;
        };
        let meetings = meeting_dates(cx, a);
        for year in cx.years(span) {
            let whole = cx.year_period(year);
            let Some(covered) = span.intersect(whole) else {
                continue;
            };
            let required = period::prorate(per_year, covered.days(), whole.days());
            let held: Vec<Date> = meetings
                .iter()
                .copied()
                .filter(|d| covered.contains(*d))
                .collect();
            let done = u32::try_from(held.len()).unwrap_or(u32::MAX);
            let due = covered.last;
            let status = if done >= required {
                Status::Met
            } else if cx.as_of > due {
                Status::Missed
            } else if cannot_fit(required - done, cx.as_of, due, per_year, whole.days()) {
                Status::DueSoon
            } else {
                cx.open_status(due)
            };
            if !cx.keeps(status) {
                continue;
            }
            let prorated = if covered.days() < whole.days() {
                format!(" (prorated: {} of {} days)", covered.days(), whole.days())
            } else {
                String::new()
            };
            let short = if covered.days() < whole.days() {
                format!(" ({} of {} days)", covered.days(), whole.days())
            } else {
                String::new()
            };
            let held_text = if held.is_empty() {
                "0 held".to_owned()
            } else {
                format!("{done} held ({})", list_dates(&held))
            };
            let tail = match status {
                Status::Missed => format!("the period ended {due}"),
                Status::Met => format!("met by {}", held.last().copied().unwrap_or(due)),
                _ if cannot_fit(required - done, cx.as_of, due, per_year, whole.days()) => format!(
                    "next due by {due}, and the {} still owed no longer fit the cadence of {per_year} a year",
                    plural(required - done, "meeting", "meetings")
                ),
                _ => format!("next due by {due}"),
            };
            let message = format!(
                "{} required in {year}{prorated}, {held_text}; {tail}",
                plural(required, "meeting", "meetings")
            );
            let finding = cx
                .pair(a)
                .finding(Rule::PairMeetings, year, due, status)
                .counts(required, done, Unit::Meetings)
                .texts(
                    format!("{}{short}", plural(required, "meeting", "meetings")),
                    super::finding::count_with_last(done, held.last()),
                )
                .dates(held)
                .message(message);
            out.push(match cx.program.meeting_log(&a.id) {
                Some(log) => finding.at_key(&log.path, "/meetings").help(format!(
                    "log each meeting's date under `meetings` in `{}` (seed 004: at least twice a year)",
                    log.path
                )),
                None => finding.at_value(&a.path, "/id").help(format!(
                    "no meeting log: create `meetings/{}.md` with the dates the pair met",
                    a.id
                )),
            });
        }
    }
}

/// Whether `owed` meetings (2 or more) can no longer be held at the program's cadence before the
/// due day: the days left (as-of date to `due`, both included) are fewer than `(owed - 1) ×
/// spacing`, where the spacing is `year_days / per_year` (182 days for twice a year). Such a year
/// cannot yet be missed, but it can only be met by bunching meetings together, so it reads
/// `due-soon` (needs attention now), not `on-track` (docs/rules.md, "At risk").
fn cannot_fit(owed: u32, as_of: Date, due: Date, per_year: u32, year_days: i64) -> bool {
    if owed < 2 || per_year == 0 || as_of > due {
        return false;
    }
    let spacing = year_days / i64::from(per_year);
    let left = period::days_between(as_of, due) + 1;
    left < i64::from(owed - 1) * spacing
}

/// The agreement's meeting dates up to the as-of date, ascending, each date once.
pub(super) fn meeting_dates(cx: &Context<'_>, a: &Agreement) -> Vec<Date> {
    let mut dates: Vec<Date> = cx
        .program
        .meeting_log(&a.id)
        .map(|log| log.meetings.iter().map(|m| m.date).collect())
        .unwrap_or_default();
    dates.retain(|d| *d <= cx.as_of && a.start <= *d);
    dates.sort();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Rule, Status};

    fn pair(meetings: &[&str], span: (&str, &str), as_of: &str) -> Vec<Finding> {
        Fixture::new()
            .person("a-mentee", "2024-07-01", &["mentee"], json!({}))
            .person("b-mentor", "2000-07-01", &["mentor"], json!({}))
            .agreement("2024-a", "a-mentee", &["b-mentor"], span, json!({}))
            .meetings("2024-a", meetings)
            .eval(Rule::PairMeetings, as_of)
    }

    #[test_case(&["2024-09-10", "2025-01-15"], "2025-03-01", Status::Met; "two held mid-year")]
    #[test_case(&["2024-09-10"], "2025-03-01", Status::OnTrack; "one held, year under way")]
    #[test_case(&["2024-09-10"], "2025-06-01", Status::DueSoon; "one held, 29 days left")]
    #[test_case(&["2024-09-10"], "2025-05-31", Status::DueSoon; "one held, 30 days left")]
    #[test_case(&["2024-09-10"], "2025-05-30", Status::OnTrack; "one held, 31 days left")]
    #[test_case(&["2024-09-10"], "2025-06-30", Status::DueSoon; "last day is not overdue")]
    #[test_case(&["2024-09-10"], "2025-07-01", Status::Missed; "year closed one short")]
    #[test_case(&["2024-09-10", "2025-06-30"], "2025-07-01", Status::Met; "met on the last day")]
    fn judges_a_whole_year(meetings: &[&str], as_of: &str, expected: Status) {
        let found = pair(meetings, ("2024-07-01", "2026-06-30"), as_of);
        let first = &found[0];
        assert_eq!(
            (first.year.to_string(), first.required),
            ("2024-25".to_owned(), 2)
        );
        assert_eq!(first.status, expected);
        assert_eq!(first.due, d("2025-06-30"));
    }

    #[test_case(&[], "2026-01-01", Status::DueSoon; "two owed, 181 days left")]
    #[test_case(&[], "2025-12-30", Status::OnTrack; "two owed, 183 days left")]
    #[test_case(&["2025-09-01"], "2026-03-01", Status::OnTrack; "one owed, any days left")]
    fn a_year_whose_meetings_no_longer_fit_is_due_soon(
        meetings: &[&str],
        as_of: &str,
        expected: Status,
    ) {
        let found = pair(meetings, ("2025-07-01", "2027-06-30"), as_of);
        assert_eq!(found[0].year.to_string(), "2025-26");
        assert_eq!(found[0].status, expected, "{}", found[0].message);
    }

    /// Issue 18 item 5, as docs/rules.md says of `next_due`: on the day of its `planned_end` an
    /// agreement has not ended (that day is one of its days, so the row is still open and due
    /// that day); the day after, its last year is closed.
    #[test_case("2025-03-31", Status::DueSoon; "on the planned end day the row is open")]
    #[test_case("2025-04-01", Status::Missed; "the day after it is closed")]
    fn an_agreement_has_not_ended_on_its_planned_end_day(as_of: &str, expected: Status) {
        let found = pair(&[], ("2024-07-01", "2025-03-31"), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].status, found[0].due), (expected, d("2025-03-31")));
    }

    #[test]
    fn never_reports_a_year_in_progress_as_overdue() {
        let found = pair(&[], ("2024-07-01", "2026-06-30"), "2025-06-30");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, Status::DueSoon);
        assert_eq!(found[0].next_due, Some(d("2025-06-30")));
    }

    #[test_case(("2025-06-30", "2027-06-30"), 1; "one day of 2024-25")]
    #[test_case(("2025-01-01", "2027-06-30"), 1; "181 of 365 days")]
    #[test_case(("2024-12-30", "2027-06-30"), 2; "183 of 365 days")]
    #[test_case(("2024-07-01", "2027-06-30"), 2; "whole year")]
    fn prorates_a_late_start(span: (&str, &str), required: u32) {
        let found = pair(&[], span, "2025-07-01");
        let first = found.first().expect("a 2024-25 row");
        assert_eq!(first.year.to_string(), "2024-25");
        assert_eq!(first.required, required);
        assert_eq!(first.status, Status::Missed);
    }

    #[test]
    fn prorates_exactly_half_of_a_leap_year_to_one() {
        // 2023-24 has 366 days; 2024-01-01 to 2024-06-30 is 182 days, 2023-07-01 to
        // 2023-12-30 is 183: exactly half owes exactly 1.
        let found = pair(&["2023-09-01"], ("2023-07-01", "2023-12-30"), "2024-07-01");
        assert_eq!((found[0].required, found[0].status), (1, Status::Met));
        assert_eq!(found[0].due, d("2023-12-30"));
    }

    #[test]
    fn splits_an_agreement_across_a_year_boundary() {
        let found = pair(
            &["2024-03-01", "2024-09-01"],
            ("2024-01-01", "2024-12-31"),
            "2025-03-01",
        );
        let summary: Vec<(String, u32, u32, Status)> = found
            .iter()
            .map(|f| (f.year.to_string(), f.required, f.done, f.status))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("2023-24".to_owned(), 1, 1, Status::Met),
                ("2024-25".to_owned(), 2, 1, Status::Missed),
            ]
        );
        assert_eq!(found[1].due, d("2024-12-31"));
    }

    #[test]
    fn a_replaced_agreement_owes_only_until_its_end() {
        let found = Fixture::new()
            .person("a-mentee", "2024-07-01", &["mentee"], json!({}))
            .agreement(
                "2024-a",
                "a-mentee",
                &["b-mentor"],
                ("2024-07-01", "2026-06-30"),
                json!({"status": "replaced", "end": "2024-11-30", "replaced_by": "2024-b",
                       "change_approved_by": "c-director"}),
            )
            .meetings("2024-a", &["2024-09-18"])
            .eval(Rule::PairMeetings, "2026-03-01");
        assert_eq!(found.len(), 1, "no rows after the change");
        assert_eq!((found[0].required, found[0].status), (1, Status::Met));
    }

    #[test]
    fn ignores_meetings_and_an_end_after_the_as_of_date() {
        let found = Fixture::new()
            .agreement(
                "2024-a",
                "a-mentee",
                &["b-mentor"],
                ("2024-07-01", "2026-06-30"),
                json!({"status": "concluded", "end": "2024-08-31"}),
            )
            .meetings("2024-a", &["2024-07-15", "2024-08-20"])
            .eval(Rule::PairMeetings, "2024-08-01");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].required, found[0].done), (2, 1));
        assert_eq!(found[0].due, d("2025-06-30"), "the end was not known yet");
    }

    #[test]
    fn follows_a_configured_academic_year_start() {
        // Years start on September 1: 2024-25 runs to 2025-08-31, and an agreement from
        // 2025-03-01 covers 184 of its 365 days.
        let found = Fixture::new()
            .year_start("09-01")
            .agreement(
                "2025-a",
                "a",
                &["b"],
                ("2025-03-01", "2027-08-31"),
                json!({}),
            )
            .meetings("2025-a", &["2025-08-31"])
            .eval(Rule::PairMeetings, "2025-09-01");
        let first = &found[0];
        assert_eq!(first.year.to_string(), "2024-25");
        assert_eq!((first.required, first.done), (2, 1));
        assert_eq!((first.due, first.status), (d("2025-08-31"), Status::Missed));
        assert_eq!(found[1].year.to_string(), "2025-26");
    }

    #[test]
    fn writes_the_rule_numbers_and_dates() {
        let found = pair(&["2025-09-14"], ("2024-07-01", "2027-06-30"), "2026-03-01");
        assert_eq!(
            found[1].message,
            "2 meetings required in 2025-26, 1 held (2025-09-14); next due by 2026-06-30"
        );
        assert_eq!(
            found[0].message,
            "2 meetings required in 2024-25, 0 held; the period ended 2025-06-30"
        );
        assert_eq!(found[0].path, "meetings/2024-a.md");
        assert_eq!(found[0].pointer, "/meetings");
    }
}
