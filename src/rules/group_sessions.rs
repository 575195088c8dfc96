//! M303 `group-sessions`: a peer mentoring group holds `rules.group_sessions_per_year`
//! sessions (default 9) in its academic year, meeting monthly.
//!
//! **What.** Sessions counted are the group's sessions in its academic year up to the as-of
//! date. The year's total is due on its last day: `met` once reached, `missed` if the year closed
//! short. While the year is under way the next session has a due date, the later of two days:
//! the day an even pace through the year reaches it (the share of the year elapsed times the
//! total, rounded down, counts the sessions expected by then) and the last day on which the
//! sessions still needed fit one a month before the year ends (the year's last day minus one
//! month per session still needed after the next). After that day the group is `overdue`; within
//! `rules.due_soon_days` of it, `due-soon`; else `on-track`. So a group is behind only when it is
//! behind the even pace *and* can no longer catch up meeting monthly: the usual calendar of
//! seed 002 (monthly from September to May) is never behind, while a group that has not met by
//! the end of October (nine sessions still need nine months) is.
//!
//! **Why.** Seed 002 (`002_551aef7570d2eada.txt`): "Each group will meet 9 times in 2020-2021";
//! "Groups are expected to meet monthly for 1-1.5 hours".
//!
//! **Example.** A 2025-26 group with six sessions, monthly from September to February, is
//! `on-track` as of 2026-03-01; its seventh session is due by 2026-04-30 (the three still needed
//! fit April, May and June).
//!
//! **Source.** Seed 002.

use jiff::civil::Date;

use super::finding::{Subject, list_dates, plural};
use super::{Context, Finding, Kind, Rule, Status, Unit, period};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let required = cx.rules.group_sessions_per_year;
    if required == 0 {
        return;
    }
    // A proposed group (`mentor match groups --write`) does not meet yet.
    for g in cx.program.groups.iter().filter(|g| !g.is_proposed()) {
        let year = g.academic_year;
        let whole = cx.year_period(year);
        if whole.first > cx.as_of {
            continue;
        }
        let held = session_dates(g, whole, cx.as_of);
        let done = u32::try_from(held.len()).unwrap_or(u32::MAX);
        let due = whole.last;
        let next = next_session_due(whole, required, done);
        let (status, next_due) = if done >= required {
            (Status::Met, None)
        } else if cx.as_of > due {
            (Status::Missed, None)
        } else {
            (cx.open_status(next), Some(next))
        };
        if !cx.keeps(status) {
            continue;
        }
        let held_text = if held.is_empty() {
            "0 held".to_owned()
        } else {
            format!("{done} held ({})", list_dates(&held))
        };
        let tail = match status {
            Status::Missed => format!("the year ended {due}"),
            Status::Met => "met".to_owned(),
            Status::Overdue => format!(
                "behind: session {} was due by {next}",
                done.saturating_add(1)
            ),
            _ => format!("next due by {next}"),
        };
        let subject = Subject {
            kind: Kind::Group,
            id: g.id.clone(),
            label: g.id.clone(),
            name: g.name.clone(),
            people: vec![g.facilitator.clone()],
        };
        out.push(
            subject
                .finding(Rule::GroupSessions, year, due, status)
                .next_due(next_due)
                .counts(required, done, Unit::Sessions)
                .texts(
                    plural(required, "session", "sessions"),
                    done.to_string(),
                )
                .message(format!(
                    "{} required in {year}, {held_text}; {tail}",
                    plural(required, "session", "sessions")
                ))
                .dates(held)
                .at_key(&g.path, "/sessions")
                .help("groups meet monthly, 9 times a year (seed 002); log each session under `sessions`"),
        );
    }
}

/// The day the session after `done` is due: the later of the even-pace day and the last day the
/// sessions still needed fit one a month before `year` ends. Never after the year's last day.
pub(super) fn next_session_due(year: period::Period, required: u32, done: u32) -> Date {
    let next = done.saturating_add(1).min(required.max(1));
    let still_needed = required.saturating_sub(done).max(1);
    let even_pace = period::pace_deadline(year, required, next);
    let monthly = period::add_months(year.last, -i64::from(still_needed - 1));
    even_pace.max(monthly).min(year.last)
}

/// The group's session dates within its year and up to the as-of date, ascending, each once.
pub(super) fn session_dates(
    g: &crate::model::Group,
    year: period::Period,
    as_of: Date,
) -> Vec<Date> {
    let mut dates: Vec<Date> = g
        .sessions
        .iter()
        .map(|s| s.date)
        .filter(|d| year.contains(*d) && *d <= as_of)
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Rule, Status};

    const MONTHLY: [&str; 9] = [
        "2025-09-09",
        "2025-10-14",
        "2025-11-11",
        "2025-12-09",
        "2026-01-13",
        "2026-02-10",
        "2026-03-10",
        "2026-04-14",
        "2026-05-12",
    ];

    #[test_case(6, "2026-03-01", Status::OnTrack, Some("2026-04-30"); "six by march")]
    #[test_case(6, "2026-03-31", Status::DueSoon, Some("2026-04-30"); "seventh due within 30 days")]
    #[test_case(4, "2026-03-01", Status::Overdue, Some("2026-02-28"); "four by march is behind")]
    #[test_case(1, "2025-10-15", Status::OnTrack, Some("2025-11-30"); "one by mid-october")]
    #[test_case(0, "2025-09-30", Status::DueSoon, Some("2025-10-30"); "none yet in september")]
    #[test_case(0, "2025-10-31", Status::Overdue, Some("2025-10-30"); "none by the end of october")]
    #[test_case(9, "2026-05-12", Status::Met, None; "all nine held")]
    #[test_case(8, "2026-06-30", Status::DueSoon, Some("2026-06-30"); "last day, one short")]
    #[test_case(8, "2026-07-01", Status::Missed, None; "year closed one short")]
    fn judges_sessions_against_the_pace(
        held: usize,
        as_of: &str,
        expected: Status,
        next: Option<&str>,
    ) {
        let sessions: Vec<(&str, &[&str])> =
            MONTHLY[..held].iter().map(|s| (*s, &[][..])).collect();
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a"], &sessions)
            .eval(Rule::GroupSessions, as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, expected);
        assert_eq!(found[0].next_due, next.map(d));
        assert_eq!(found[0].due, d("2026-06-30"));
    }

    #[test]
    fn ignores_groups_of_later_years_and_sessions_after_the_as_of_date() {
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a"], &[("2025-09-09", &[])])
            .group("2026-27-g", "2026-27", &["a"], &[])
            .eval(Rule::GroupSessions, "2025-09-01");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].done, found[0].status), (0, Status::OnTrack));
        assert_eq!(
            found[0].message,
            "9 sessions required in 2025-26, 0 held; next due by 2025-10-30"
        );
        assert_eq!(found[0].pointer, "/sessions");
    }

    #[test]
    fn a_proposed_group_has_no_session_rule() {
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a"], &[])
            .proposed()
            .eval(Rule::GroupSessions, "2026-03-01");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn follows_the_even_pace_when_more_than_twelve_are_required() {
        let found = Fixture::new()
            .rules(|r| r.group_sessions_per_year = 24)
            .group("2025-26-g", "2025-26", &["a"], &[])
            .eval(Rule::GroupSessions, "2025-07-01");
        assert_eq!(found[0].next_due, Some(d("2025-07-16")));
    }
}
