//! M302 `meeting-gap`: no more than `rules.pair_max_gap_days` (default 183) days between a
//! pair's meetings, counting from the agreement's start.
//!
//! **What.** Each meeting sets a deadline for the next one: the previous meeting (or the
//! agreement's start) plus `pair_max_gap_days` days, the deadline day included. A meeting after
//! its deadline is a `missed` row (the gap that fell short stays in history, in the academic year
//! of the deadline). The gap still open on the as-of date gives one more row: `on-track` or
//! `due-soon` before the deadline, `overdue` after it (this rule, unlike M301, can be overdue in
//! the middle of a year). When the agreement has ended (or the next deadline falls after its
//! end), the last row is `met` if the end came before the deadline, else `missed`; its `done` is
//! the longest gap since the meeting that closed the last `missed` gap (never over the limit).
//! Meetings after the as-of date and an `end` after it are ignored.
//!
//! **Why.** Seed 004 (`004_65843c9724f45156.txt`): "at least twice a year", "Quarterly meetings
//! should be sufficient". Twice a year means no more than about six months between meetings, so a
//! pair that has stopped meeting shows up long before the year is over.
//!
//! **Example.** Meetings on 2024-05-28 and 2025-03-04: 280 days, `missed` (a meeting was due by
//! 2024-11-27). With no meeting since, as of 2026-03-01: 362 days since 2025-03-04, `overdue`
//! since 2025-09-03.
//!
//! **Source.** Seed 004.

use jiff::civil::Date;

use super::period::{add_days, days_between};
use super::{Context, Finding, Rule, Status, Unit};
use crate::layout::RecordKind;

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let max = cx.rules.pair_max_gap_days;
    let max_days = i64::from(max);
    for a in &cx.program.agreements {
        if cx.program.is_unreadable(RecordKind::MeetingLog, &a.id) {
            continue;
        }
        let Some(span) = cx.agreement_span(a) else {
            continue;
        };
        let log = cx.program.meeting_log(&a.id);
        let mut meetings: Vec<(Date, usize)> = log
            .map(|l| {
                l.meetings
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.date, i))
                    .collect()
            })
            .unwrap_or_default();
        meetings.retain(|(date, _)| span.contains(*date) && *date <= cx.as_of);
        meetings.sort();
        meetings.dedup_by_key(|(date, _)| *date);

        // Built once, and only for a pair with a row to keep (`mentor check` keeps only the
        // reported ones).
        let mut pair = None;
        let texts =
            |gap: i64, what: String| (format!("at most {max} days"), format!("{gap} days {what}"));
        let since = |anchor: Date, is_start: bool| {
            if is_start {
                format!("the start ({anchor})")
            } else {
                format!("the meeting on {anchor}")
            }
        };
        let (mut anchor, mut anchor_index) = (a.start, None::<usize>);
        // The longest gap since the last missed one (each missed gap has its own row), and the
        // meeting that closed that missed gap: a `met` row never carries a gap over the limit.
        let mut longest = 0;
        let mut since_missed: Option<Date> = None;
        for &(date, i) in &meetings {
            let gap = days_between(anchor, date);
            let deadline = add_days(anchor, max_days);
            if date > deadline {
                let (required, done) = texts(gap, format!("({anchor} to {date})"));
                let f = pair.get_or_insert_with(|| cx.pair(a))
                    .finding(Rule::MeetingGap, cx.year_of(deadline), deadline, Status::Missed)
                    .counts(max, days(gap), Unit::Days)
                    .texts(required, done)
                    .dates(vec![anchor, date])
                    .message(format!(
                        "{gap} days between {} and the meeting on {date}; at most {max} are allowed, so a meeting was due by {deadline}",
                        since(anchor, anchor_index.is_none())
                    ))
                    .help("meet at least every six months (seed 004: at least twice a year)");
                out.push(match log {
                    Some(log) => f.at_value(&log.path, format!("/meetings/{i}/date")),
                    None => f.at_value(&a.path, "/start"),
                });
                (longest, since_missed) = (0, Some(date));
            } else {
                longest = longest.max(gap);
            }
            (anchor, anchor_index) = (date, Some(i));
        }

        let deadline = add_days(anchor, max_days);
        let from = since(anchor, anchor_index.is_none());
        let at_anchor = |f: Finding| match (log, anchor_index) {
            (Some(log), Some(i)) => f.at_value(&log.path, format!("/meetings/{i}/date")),
            _ => f.at_value(&a.path, "/start"),
        };
        let over = span.last < cx.as_of;
        if over || deadline >= span.last {
            // The agreement is over, or ends before another meeting falls due.
            let gap = days_between(anchor, span.last);
            let ended = if cx.has_ended(a) {
                "ended"
            } else {
                "is planned to end"
            };
            if deadline < span.last {
                let (required, done) = texts(gap, format!("({anchor} to the end, {})", span.last));
                let f = pair.get_or_insert_with(|| cx.pair(a))
                    .finding(Rule::MeetingGap, cx.year_of(deadline), deadline, Status::Missed)
                    .counts(max, days(gap), Unit::Days)
                    .texts(required, done)
                    .dates(vec![anchor])
                    .message(format!(
                        "{gap} days from {from} to the agreement's end on {}; at most {max} are allowed, so a meeting was due by {deadline}",
                        span.last
                    ));
                let pointer = if cx.has_ended(a) {
                    "/end"
                } else {
                    "/planned_end"
                };
                out.push(f.at_value(&a.path, pointer));
            } else if cx.keeps(Status::Met) {
                let status = Status::Met;
                let year = if over {
                    cx.year_of(span.last)
                } else {
                    cx.year_of(cx.as_of)
                };
                let f = pair.get_or_insert_with(|| cx.pair(a))
                    .finding(Rule::MeetingGap, year, span.last, status)
                    .counts(max, days(longest.max(if over { gap } else { 0 })), Unit::Days)
                    .texts(
                        format!("at most {max} days"),
                        format!("longest {} days", longest.max(if over { gap } else { 0 })),
                    )
                    .dates(meetings.last().map(|m| vec![m.0]).unwrap_or_default())
                    .message(format!(
                        "no gap over {max} days{}; the agreement {ended} on {} before another meeting falls due",
                        since_missed.map_or_else(String::new, |date| format!(" since the meeting on {date}")),
                        span.last
                    ));
                out.push(at_anchor(f));
            }
            continue;
        }

        let gap = days_between(anchor, cx.as_of);
        let status = if cx.as_of > deadline {
            Status::Overdue
        } else {
            cx.open_status(deadline)
        };
        let year = if status == Status::Overdue {
            cx.year_of(deadline)
        } else {
            cx.year_of(cx.as_of)
        };
        if !cx.keeps(status) {
            continue;
        }
        let verb = if status == Status::Overdue {
            "was"
        } else {
            "is"
        };
        let (required, done) = texts(gap, format!("since {anchor}"));
        let f = pair.get_or_insert_with(|| cx.pair(a))
            .finding(Rule::MeetingGap, year, deadline, status)
            .counts(max, days(gap), Unit::Days)
            .texts(required, done)
            .dates(vec![anchor])
            .message(format!(
                "{gap} days since {from}; at most {max} are allowed, so the next meeting {verb} due by {deadline}"
            ))
            .help("log the next meeting's date once the pair has met");
        out.push(at_anchor(f));
    }
}

fn days(gap: i64) -> u32 {
    u32::try_from(gap.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Rule, Status};

    fn gaps(meetings: &[&str], extra: serde_json::Value, as_of: &str) -> Vec<Finding> {
        Fixture::new()
            .agreement(
                "2024-a",
                "a-mentee",
                &["b-mentor"],
                ("2024-07-01", "2027-06-30"),
                extra,
            )
            .meetings("2024-a", meetings)
            .eval(Rule::MeetingGap, as_of)
    }

    fn summary(found: &[Finding]) -> Vec<(Status, u32, String, String)> {
        found
            .iter()
            .map(|f| (f.status, f.done, f.due.to_string(), f.year.to_string()))
            .collect()
    }

    #[test_case("2024-11-30", Status::OnTrack; "thirty-one days before the deadline")]
    #[test_case("2024-12-01", Status::DueSoon; "thirty days before the deadline")]
    #[test_case("2024-12-31", Status::DueSoon; "the due day itself")]
    #[test_case("2025-01-01", Status::Overdue; "the day after the deadline")]
    fn counts_from_the_start_when_no_meeting_is_logged(as_of: &str, expected: Status) {
        let found = gaps(&[], json!({}), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, expected);
        assert_eq!(found[0].next_due, Some(d("2024-12-31")));
        assert_eq!(found[0].pointer, "/start");
    }

    #[test]
    fn keeps_a_late_meeting_as_missed_and_tracks_the_next() {
        let found = gaps(&["2024-08-01", "2025-03-04"], json!({}), "2025-04-01");
        assert_eq!(
            summary(&found),
            vec![
                (
                    Status::Missed,
                    215,
                    "2025-01-31".to_owned(),
                    "2024-25".to_owned()
                ),
                (
                    Status::OnTrack,
                    28,
                    "2025-09-03".to_owned(),
                    "2024-25".to_owned()
                ),
            ]
        );
        assert_eq!(found[0].pointer, "/meetings/1/date");
        assert_eq!(
            found[0].message,
            "215 days between the meeting on 2024-08-01 and the meeting on 2025-03-04; at most 183 are allowed, so a meeting was due by 2025-01-31"
        );
    }

    #[test]
    fn a_meeting_on_the_deadline_is_in_time() {
        let found = gaps(&["2024-08-01", "2025-01-31"], json!({}), "2025-02-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, Status::OnTrack);
    }

    #[test]
    fn reports_the_open_gap_as_overdue_mid_year() {
        let found = gaps(&["2024-08-01", "2025-03-04"], json!({}), "2026-03-01");
        let last = found.last().expect("open gap");
        assert_eq!(
            (last.status, last.done, last.year.to_string()),
            (Status::Overdue, 362, "2025-26".to_owned())
        );
        assert_eq!(
            last.message,
            "362 days since the meeting on 2025-03-04; at most 183 are allowed, so the next meeting was due by 2025-09-03"
        );
    }

    #[test]
    fn an_ended_agreement_is_met_when_it_ended_in_time() {
        let extra = json!({"status": "concluded", "end": "2025-06-30"});
        let found = gaps(
            &["2024-09-01", "2025-02-01", "2025-06-01"],
            extra,
            "2026-03-01",
        );
        assert_eq!(
            summary(&found),
            vec![(
                Status::Met,
                153,
                "2025-06-30".to_owned(),
                "2024-25".to_owned()
            )]
        );
    }

    #[test]
    fn an_ended_agreement_misses_a_gap_before_its_end() {
        let extra = json!({"status": "concluded", "end": "2025-06-30"});
        let found = gaps(&["2024-09-01"], extra, "2026-03-01");
        assert_eq!(
            summary(&found),
            vec![(
                Status::Missed,
                302,
                "2025-03-03".to_owned(),
                "2024-25".to_owned()
            )]
        );
        assert_eq!(found[0].pointer, "/end");
    }

    /// Issue 18 item 1: after a missed gap of 212 days, the row that closes the agreement is
    /// `met` with the longest gap since that meeting, and says so.
    #[test]
    fn a_met_row_after_a_missed_gap_counts_from_the_meeting_that_closed_it() {
        let extra = json!({"status": "concluded", "end": "2025-06-30"});
        let found = gaps(
            &["2024-07-15", "2025-02-12", "2025-05-01"],
            extra,
            "2026-03-01",
        );
        assert_eq!(
            summary(&found),
            vec![
                (
                    Status::Missed,
                    212,
                    "2025-01-14".to_owned(),
                    "2024-25".to_owned()
                ),
                (
                    Status::Met,
                    78,
                    "2025-06-30".to_owned(),
                    "2024-25".to_owned()
                ),
            ]
        );
        assert_eq!(found[1].done_text, "longest 78 days");
        assert_eq!(
            found[1].message,
            "no gap over 183 days since the meeting on 2025-02-12; the agreement ended on 2025-06-30 before another meeting falls due"
        );
    }

    #[test]
    fn no_meeting_is_due_after_the_planned_end() {
        let found = Fixture::new()
            .agreement(
                "2024-a",
                "a",
                &["b"],
                ("2024-07-01", "2025-06-30"),
                json!({}),
            )
            .meetings("2024-a", &["2024-09-01", "2025-01-15", "2025-03-01"])
            .eval(Rule::MeetingGap, "2025-05-01");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].status, found[0].next_due), (Status::Met, None));
    }
}
